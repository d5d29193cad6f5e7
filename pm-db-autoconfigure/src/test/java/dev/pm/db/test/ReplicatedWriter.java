package dev.pm.db.test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link WriterApplication} with replication on, run as a child JVM to be killed:
 * {@code PATH TARGET INTERVAL} writes one row per transaction forever. It prints
 * {@code first ID CHECKSUM} (the table as it found it: the next id, the checksum of every
 * row before it), then after each commit {@code ack ID AT ACKED CHECKSUM}: the row's id,
 * the epoch millis taken inside its transaction (also in the row's name), when the commit
 * returned, and the checksum of the whole table after it; a final {@code .} tells a whole
 * line from one cut by the kill.
 */
public final class ReplicatedWriter {

	private ReplicatedWriter() {
	}

	public static void main(String[] args) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WriterApplication.class)
			.web(WebApplicationType.NONE)
			.properties("pm.db.path=" + args[0], "pm.db.replication.target=" + args[1],
					"pm.db.replication.interval=" + args[2], "logging.level.root=warn", "spring.main.banner-mode=off")
			.run()) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			ItemChecksum checksum = new ItemChecksum();
			RowCallbackHandler eachRow = (row) -> checksum.add(row.getLong(1), row.getString(2));
			jdbc.query("SELECT id, name FROM item ORDER BY id", eachRow);
			long first = jdbc.queryForObject("SELECT coalesce(max(id), 0) + 1 FROM item", Long.class);
			System.out.println("first " + first + " " + checksum.value());
			for (long id = first;; id++) {
				long row = id;
				String name = transactions.execute((status) -> {
					String written = "at-" + System.currentTimeMillis() + "-"
							+ Long.toHexString(Double.doubleToLongBits(Math.random()));
					jdbc.update("INSERT INTO item (id, name) VALUES (?, ?)", row, written);
					return written;
				});
				long acked = System.currentTimeMillis();
				System.out
					.println("ack " + id + " " + at(name) + " " + acked + " " + checksum.add(id, name).value() + " .");
			}
		}
	}

	/** Return the epoch millis a row's name holds. */
	public static long at(String name) {
		return Long.parseLong(name.substring(3, name.indexOf('-', 3)));
	}

}
