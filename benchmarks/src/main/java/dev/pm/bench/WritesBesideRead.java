package dev.pm.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.pm.bench.Rounds.Sample;
import dev.pm.bench.Rounds.Variant;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scenario 11: single-row write transactions while another thread loops a 200 ms
 * read-only transaction (a slow report), through the starter with its read-only
 * connections, through the starter without them ({@code pm.db.readers=0}, as before
 * them), and on raw sqlite-jdbc with one writer and one reader connection; each also
 * without the read beside. A round's value is the 99th percentile of its write latencies.
 *
 * @author pm-db
 */
public final class WritesBesideRead implements Scenario {

	/** How long the read-only transaction beside the writes stays open. */
	static final long READ_MILLIS = 200;

	/** The largest p99 ratio allowed: with the read beside to without, and to raw. */
	static final double TARGET = 2.0;

	@Override
	public String name() {
		return "writes-beside-read";
	}

	@Override
	public ScenarioResult run(Workspace workspace, Sizes sizes) throws Exception {
		try (ConfigurableApplicationContext readersContext = BenchmarkApplication
			.startStarter(workspace.newDatabase("beside-starter"), Map.of("synchronous", "normal"));
				ConfigurableApplicationContext writerOnlyContext = BenchmarkApplication.startStarter(
						workspace.newDatabase("beside-starter-no-readers"),
						Map.of("synchronous", "normal", "readers", "0"));
				RawConnections raw = RawConnections.open(workspace.newDatabase("beside-raw"), 1)) {
			int rows = sizes.rows();
			CountingItems starter = prepare(readersContext.getBean(Items.class), rows);
			CountingItems writerOnly = prepare(writerOnlyContext.getBean(Items.class), rows);
			raw.insertBatch(rows);
			Items rawReader = raw.reader(0);
			List<Latencies> all = new ArrayList<>();
			List<Variant> variants = new ArrayList<>();
			variants.add(variant("starter, 200 ms read beside", sizes, all, starter::insert, starter.items()::holdRead,
					rows));
			variants.add(variant("starter, no read beside", sizes, all, starter::insert, null, rows));
			variants.add(variant("starter, pm.db.readers=0 (before readers), 200 ms read beside", sizes, all,
					writerOnly::insert, writerOnly.items()::holdRead, rows));
			variants.add(variant("raw sqlite-jdbc, writer + reader connection, 200 ms read beside", sizes, all,
					raw::insert, rawReader::holdRead, rows));
			variants.add(variant("raw sqlite-jdbc, no read beside", sizes, all, raw::insert, null, rows));
			List<Series> series = sizes.schedule().run(variants);
			starter.verify("starter");
			writerOnly.verify("starter without readers");
			Series beside = series.get(0);
			List<Check> checks = List.of(
					Check.under("writes beside a 200 ms read, p99: starter / starter without the read",
							beside.ratioTo(series.get(1)), TARGET),
					Check.under("writes beside a 200 ms read, p99: starter / raw writer + reader",
							beside.ratioTo(series.get(3)), TARGET),
					Check.report("writes beside a 200 ms read, p99: starter with pm.db.readers=0 / raw writer + reader",
							series.get(2).ratioTo(series.get(3))));
			List<String> notes = new ArrayList<>();
			for (int i = 0; i < variants.size(); i++) {
				Latencies latencies = all.get(i);
				notes.add(String.format(
						"%s: all rounds, warm-up included, %d writes: p50 %.2f ms, p99 %.2f ms, max %.1f ms",
						variants.get(i).name(), latencies.count(), latencies.percentileMillis(50),
						latencies.percentileMillis(99), latencies.percentileMillis(100)));
			}
			return new ScenarioResult("11. writes beside a 200 ms read-only transaction (lower is better)", series,
					checks, notes);
		}
	}

	private static CountingItems prepare(Items items, int rows) {
		items.insertBatch(rows);
		return new CountingItems(items);
	}

	// all: one list per variant of every write latency, for the notes.
	private static Variant variant(String name, Sizes sizes, List<Latencies> all, Write write, Read read, int rows) {
		Latencies overall = new Latencies();
		all.add(overall);
		return new Variant(name, "ms p99", () -> {
			Latencies round = writesBeside(sizes.round(), write, read, rows);
			overall.addAll(round);
			return new Sample(round.percentileMillis(99), 0);
		});
	}

	// read: the slow read to loop on another thread, or null for none.
	private static Latencies writesBeside(Duration duration, Write write, Read read, int rows)
			throws InterruptedException {
		AtomicBoolean running = new AtomicBoolean(true);
		Thread report = null;
		if (read != null) {
			report = new Thread(() -> {
				for (long n = 0; running.get(); n++) {
					read.holdRead(PointReads.id(n, rows), READ_MILLIS);
				}
			}, "bench-report");
			report.start();
		}
		Latencies latencies = new Latencies();
		long end = System.nanoTime() + duration.toNanos();
		for (long n = 0; System.nanoTime() < end; n++) {
			long start = System.nanoTime();
			write.insert(n);
			latencies.record(System.nanoTime() - start);
		}
		running.set(false);
		if (report != null) {
			report.join();
		}
		return latencies;
	}

	@FunctionalInterface
	interface Write {

		void insert(long n);

	}

	@FunctionalInterface
	interface Read {

		void holdRead(long id, long millis);

	}

}
