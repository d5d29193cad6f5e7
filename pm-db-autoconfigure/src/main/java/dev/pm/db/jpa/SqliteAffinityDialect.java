package dev.pm.db.jpa;

import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.type.SqlTypes;

/**
 * Hibernate's community {@link SQLiteDialect} that knows SQLite's type affinity: every
 * integer type is the same 64-bit integer in SQLite, so schema validation
 * ({@code spring.jpa.hibernate.ddl-auto=validate}) accepts an {@code INTEGER} column for
 * a {@code Long}, and with it {@code INTEGER PRIMARY KEY}, the only column SQLite
 * generates ids for ({@code BIGINT PRIMARY KEY} is an ordinary column that stays
 * {@code NULL}).
 * <p>
 * pm-db sets it as {@code hibernate.dialect} unless the application chose a dialect.
 *
 * @author pm-db
 * @since 0.1.0
 */
public class SqliteAffinityDialect extends SQLiteDialect {

	/**
	 * Create the dialect for the SQLite version Hibernate found.
	 * @param info what Hibernate read of the database
	 */
	public SqliteAffinityDialect(DialectResolutionInfo info) {
		super(info);
	}

	@Override
	public boolean equivalentTypes(int typeCode1, int typeCode2) {
		return super.equivalentTypes(typeCode1, typeCode2)
				|| (SqlTypes.isIntegral(typeCode1) && SqlTypes.isIntegral(typeCode2));
	}

}
