package dev.pm.db.test;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Test support: a running checksum of the {@code item} table, row by row in id order, so
 * that a writer can print the checksum of the whole table after each commit without
 * reading it again, and a restored copy can be compared with it.
 */
public final class ItemChecksum {

	private final CRC32 crc = new CRC32();

	/** Add the next row. */
	public ItemChecksum add(long id, String name) {
		this.crc.update((id + ":" + name + "\n").getBytes(StandardCharsets.UTF_8));
		return this;
	}

	/** Return the checksum of the rows added so far. */
	public long value() {
		return this.crc.getValue();
	}

}
