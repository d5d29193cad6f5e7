package dev.pm.cli.command;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

import dev.pm.cli.launch.LazyApplicationContext;
import dev.pm.cli.plan.HistoryFilter;
import dev.pm.cli.plan.PlanException;
import dev.pm.cli.plan.ProjectHistoryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code pm history [--since TIME] [--agent NAME] [--epic KEY] [--limit N] [--follow] [--json]}.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
		description = { "Show what happened to every task of the project, newest last: what a reviewer reads.",
				"Rows of deleted tasks stay; --epic goes by the key a task had then." })
final class HistoryCommand implements Callable<Integer> {

	@Mixin
	private Session session;

	@Option(names = "--since", paramLabel = "TIME", converter = SinceConverter.class,
			description = "Only from this time: a UTC instant (2026-12-07T06:00:00Z), a date, or a time ago (30m, 2h, 1d).")
	private String since;

	@Option(names = "--agent", paramLabel = "NAME", description = "Only what this agent did.")
	private String agent;

	@Option(names = "--epic", paramLabel = "KEY", description = "Only tasks of this epic.",
			converter = KeyConverters.EpicKey.class)
	private String epic;

	@Option(names = "--limit", paramLabel = "N", defaultValue = "100",
			description = "At most this many rows, the latest; default ${DEFAULT-VALUE}.")
	private int limit;

	@Option(names = "--follow",
			description = {
					"Keep printing new rows as they are written, until interrupted (Ctrl-C); one line each, "
							+ "with --json one JSON object a line.",
					"Runs in its own process, never in the pm server." })
	private boolean follow;

	private final LazyApplicationContext context;

	HistoryCommand(LazyApplicationContext context) {
		this.context = context;
	}

	@Override
	public Integer call() {
		HistoryFilter filter = new HistoryFilter(this.since, this.agent, this.epic, Math.max(this.limit, 0));
		if (this.follow) {
			if (this.context.servesRequests()) {
				// It would keep a request thread of the server, and its stop, waiting
				// for as long as it follows.
				throw new PlanException("pm history --follow runs until interrupted, which the pm server does not: "
						+ "run it as 'pm history --follow --no-server' (or with PM_SERVER=off)");
			}
			new HistoryFollow(this.session.bean(ProjectHistoryService.class), filter, this.session.out(),
					this.session.json())
				.run();
			return 0;
		}
		this.session.showList(() -> this.session.bean(ProjectHistoryService.class).entries(filter),
				(entries) -> TaskViews.projectHistory(this.session.out(), entries));
		return 0;
	}

	/** {@code --since}, as the UTC instant that the history's rows compare with. */
	static final class SinceConverter implements ITypeConverter<String> {

		@Override
		public String convert(String value) {
			try {
				return Instant.parse(value).truncatedTo(ChronoUnit.SECONDS).toString();
			}
			catch (DateTimeParseException notAnInstant) {
				// A date or a time ago, below.
			}
			try {
				return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
			}
			catch (DateTimeParseException notADate) {
				// A time ago, below.
			}
			Duration ago = LeaseDuration.parse(value);
			if (ago == null || ago.isZero()) {
				throw new TypeConversionException("'" + value
						+ "' is not a time: a UTC instant (2026-12-07T06:00:00Z), a date (2026-12-07) or a time ago "
						+ "(30m, 2h, 1d)");
			}
			return Instant.now().minus(ago).truncatedTo(ChronoUnit.SECONDS).toString();
		}

	}

}
