package dev.pm.db.data.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.data.jdbc.core.dialect.DialectResolver;
import org.springframework.data.relational.core.dialect.LimitClause;
import org.springframework.data.relational.core.dialect.RenderContextFactory;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.core.sql.Select;
import org.springframework.data.relational.core.sql.Table;
import org.springframework.data.relational.core.sql.render.SqlRenderer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The SQL the dialect writes, run on SQLite.
 */
class SqliteDialectTests {

	private final SingleConnectionDataSource dataSource = new SingleConnectionDataSource("jdbc:sqlite::memory:", true);

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	private static final String NUMBERS = "WITH n(x) AS (VALUES (1), (2), (3), (4)) SELECT x FROM n ORDER BY x ";

	@AfterEach
	void close() {
		this.dataSource.destroy();
	}

	@Test
	void limitOffsetAndBothAreValidSqlite() {
		LimitClause limit = SqliteDialect.INSTANCE.limit();
		assertThat(limit.getClausePosition()).isEqualTo(LimitClause.Position.AFTER_ORDER_BY);
		assertThat(numbers(limit.getLimit(2))).containsExactly(1, 2);
		assertThat(numbers(limit.getOffset(3))).containsExactly(4);
		assertThat(numbers(limit.getLimitOffset(2, 1))).containsExactly(2, 3);
	}

	@Test
	void pessimisticLocksAddNothingBecauseSqliteHasNoRowLocks() {
		this.jdbc.execute("CREATE TABLE item (name TEXT)");
		this.jdbc.update("INSERT INTO item VALUES ('one')");
		Table item = Table.create("item");
		Select select = Select.builder()
			.select(item.column("name"))
			.from(item)
			.lock(LockMode.PESSIMISTIC_WRITE)
			.build();
		String sql = SqlRenderer.create(new RenderContextFactory(SqliteDialect.INSTANCE).createRenderContext())
			.render(select);
		assertThat(sql).doesNotContainIgnoringCase("FOR UPDATE");
		assertThat(this.jdbc.queryForList(sql, String.class)).containsExactly("one");
	}

	@Test
	void readsSqliteIntegersAsBooleans() {
		DefaultConversionService conversions = new DefaultConversionService();
		SqliteDialect.INSTANCE.getConverters()
			.forEach((converter) -> conversions.addConverter((Converter<?, ?>) converter));
		Object stored = this.jdbc.queryForObject("SELECT 1 = 1", Object.class);
		assertThat(conversions.convert(stored, Boolean.class)).isTrue();
		assertThat(conversions.convert(this.jdbc.queryForObject("SELECT 1 = 0", Object.class), Boolean.class))
			.isFalse();
	}

	@Test
	void insertsARowOfDefaultsAsSqliteWritesIt() {
		this.jdbc.execute("CREATE TABLE only_id (id INTEGER PRIMARY KEY)");
		this.jdbc.update(
				"INSERT INTO only_id" + SqliteDialect.INSTANCE.getInsertRenderContext().getDefaultValuesInsertPart());
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM only_id", Integer.class)).isOne();
	}

	@Test
	void namesItselfAndKeepsIdentifiersAsWritten() {
		assertThat(SqliteDialect.INSTANCE.getName()).isEqualTo("SQLite");
		assertThat(SqliteDialect.INSTANCE.getIdentifierProcessing().quote("item")).isEqualTo("\"item\"");
		assertThat(SqliteDialect.INSTANCE.getIdentifierProcessing().standardizeLetterCase("Item")).isEqualTo("Item");
		assertThat(SqliteDialect.INSTANCE.getIdGeneration().supportedForBatchOperations()).isFalse();
	}

	@Test
	void springDataResolvesTheDialectForSqlite() {
		assertThat(DialectResolver.getDialect(this.jdbc)).isSameAs(SqliteDialect.INSTANCE);
	}

	@Test
	void providerLeavesOtherDatabasesToOtherProviders() throws Exception {
		Connection connection = mock(Connection.class);
		DatabaseMetaData metaData = mock(DatabaseMetaData.class);
		given(connection.getMetaData()).willReturn(metaData);
		given(metaData.getDatabaseProductName()).willReturn("PostgreSQL");
		JdbcTemplate other = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
		assertThat(new SqliteDialectProvider().getDialect(other)).isEmpty();
	}

	private List<Integer> numbers(String clause) {
		return this.jdbc.queryForList(NUMBERS + clause, Integer.class);
	}

}
