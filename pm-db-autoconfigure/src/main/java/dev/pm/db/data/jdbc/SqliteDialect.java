package dev.pm.db.data.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.relational.core.dialect.AbstractDialect;
import org.springframework.data.relational.core.dialect.IdGeneration;
import org.springframework.data.relational.core.dialect.InsertRenderContext;
import org.springframework.data.relational.core.dialect.InsertRenderContexts;
import org.springframework.data.relational.core.dialect.LimitClause;
import org.springframework.data.relational.core.dialect.LockClause;
import org.springframework.data.relational.core.sql.IdentifierProcessing;
import org.springframework.data.relational.core.sql.IdentifierProcessing.LetterCasing;
import org.springframework.data.relational.core.sql.IdentifierProcessing.Quoting;
import org.springframework.data.relational.core.sql.LockOptions;

/**
 * The SQLite dialect of Spring Data JDBC.
 * <p>
 * SQLite has no row locks, so {@code SELECT … FOR UPDATE} does not exist: a query with a
 * pessimistic lock ({@code @Lock}) is run without a lock clause. Inside a read-write
 * transaction pm-db already holds SQLite's write lock from the first statement
 * (transactions begin {@code IMMEDIATE}), which keeps every other writer out of the whole
 * database, so the rows read cannot change before the transaction ends; a read-only
 * transaction takes no write lock, and nothing is locked there.
 * <p>
 * SQLite stores booleans as integers, which this dialect reads back as booleans. It has
 * no date type: {@code Instant}, {@code LocalDate}, {@code LocalDateTime},
 * {@code LocalTime} and {@code OffsetDateTime} are stored as ISO-8601 text that keeps
 * nanoseconds and offsets (nine digits of fraction, {@code Instant} in UTC; the README
 * has the forms). A {@code BigDecimal} keeps its scale and digits in a {@code TEXT}
 * column only: SQLite turns the text into a double in a {@code NUMERIC} or {@code REAL}
 * one. Generated {@code INTEGER PRIMARY KEY} ids come from the driver's generated keys,
 * one row at a time: sqlite-jdbc returns the key of the last row only after a batch.
 *
 * @author pm-db
 * @since 0.1.0
 */
public class SqliteDialect extends AbstractDialect implements JdbcDialect {

	/** The dialect; it holds no state. */
	public static final SqliteDialect INSTANCE = new SqliteDialect();

	// SQLite matches identifiers without regard to case, quoted or not.
	private static final IdentifierProcessing IDENTIFIER_PROCESSING = IdentifierProcessing.create(Quoting.ANSI,
			LetterCasing.AS_IS);

	private static final LimitClause LIMIT = new LimitClause() {

		@Override
		public String getLimit(long limit) {
			return "LIMIT " + limit;
		}

		@Override
		public String getOffset(long offset) {
			// SQLite has no OFFSET without LIMIT; a negative limit means none.
			return "LIMIT -1 OFFSET " + offset;
		}

		@Override
		public String getLimitOffset(long limit, long offset) {
			return "LIMIT " + limit + " OFFSET " + offset;
		}

		@Override
		public Position getClausePosition() {
			return Position.AFTER_ORDER_BY;
		}

	};

	private static final LockClause NO_ROW_LOCKS = new LockClause() {

		@Override
		public String getLock(LockOptions lockOptions) {
			return "";
		}

		@Override
		public Position getClausePosition() {
			return Position.AFTER_ORDER_BY;
		}

	};

	private static final IdGeneration ONE_ROW_AT_A_TIME = new IdGeneration() {

		@Override
		public boolean supportedForBatchOperations() {
			return false;
		}

	};

	@Override
	public String getName() {
		return "SQLite";
	}

	@Override
	public LimitClause limit() {
		return LIMIT;
	}

	@Override
	public LockClause lock() {
		return NO_ROW_LOCKS;
	}

	@Override
	public IdentifierProcessing getIdentifierProcessing() {
		return IDENTIFIER_PROCESSING;
	}

	@Override
	public IdGeneration getIdGeneration() {
		return ONE_ROW_AT_A_TIME;
	}

	@Override
	public InsertRenderContext getInsertRenderContext() {
		// SQLite writes a row of defaults as DEFAULT VALUES, as SQL Server does.
		return InsertRenderContexts.MS_SQL_SERVER;
	}

	@Override
	public Collection<Object> getConverters() {
		List<Object> converters = new ArrayList<>(SqliteTemporalConverters.all());
		converters.add(NumberToBooleanConverter.INSTANCE);
		return converters;
	}

	@ReadingConverter
	enum NumberToBooleanConverter implements Converter<Number, Boolean> {

		INSTANCE;

		@Override
		public Boolean convert(Number source) {
			return source.longValue() != 0;
		}

	}

}
