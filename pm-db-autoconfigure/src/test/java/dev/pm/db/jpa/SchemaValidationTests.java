package dev.pm.db.jpa;

import java.nio.file.Path;
import java.sql.Types;

import dev.pm.db.jpa.app.Item;
import dev.pm.db.jpa.app.ItemRepository;
import dev.pm.db.jpa.app.JpaApplication;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * {@code spring.jpa.hibernate.ddl-auto=validate} accepts a schema written for SQLite: a
 * {@code Long} id with {@code GenerationType.IDENTITY} on an {@code INTEGER PRIMARY KEY},
 * which Hibernate's own SQLite dialect refuses as not {@code bigint}.
 */
class SchemaValidationTests {

	@TempDir
	Path dir;

	@Test
	void validateAcceptsAnIdentityIdOnAnIntegerPrimaryKey() {
		try (ConfigurableApplicationContext context = start("spring.jpa.hibernate.ddl-auto=validate")) {
			assertThat(dialect(context)).isInstanceOf(SqliteAffinityDialect.class);
			ItemRepository items = context.getBean(ItemRepository.class);
			assertThat(items.save(new Item("validated")).getId()).isNotNull();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "spring.jpa.database-platform", "spring.jpa.properties.hibernate.dialect" })
	void dialectTheApplicationChoseIsKept(String property) {
		try (ConfigurableApplicationContext context = start(property + "=" + SQLiteDialect.class.getName())) {
			assertThat(dialect(context)).isExactlyInstanceOf(SQLiteDialect.class);
		}
	}

	@Test
	void integerTypesAreEquivalentAndOtherTypesStayApart() {
		DialectResolutionInfo info = mock(DialectResolutionInfo.class);
		given(info.makeCopyOrDefault(any())).willReturn(DatabaseVersion.make(3, 53));
		Dialect dialect = new SqliteAffinityDialect(info);
		assertThat(dialect.getVersion()).isEqualTo(DatabaseVersion.make(3, 53));
		assertThat(dialect.equivalentTypes(Types.INTEGER, Types.BIGINT)).isTrue();
		assertThat(dialect.equivalentTypes(Types.SMALLINT, Types.TINYINT)).isTrue();
		assertThat(dialect.equivalentTypes(Types.VARCHAR, Types.LONGVARCHAR)).isTrue();
		assertThat(dialect.equivalentTypes(Types.INTEGER, Types.VARCHAR)).isFalse();
		assertThat(dialect.equivalentTypes(Types.INTEGER, Types.DOUBLE)).isFalse();
		assertThat(dialect.equivalentTypes(Types.DOUBLE, Types.INTEGER)).isFalse();
	}

	private ConfigurableApplicationContext start(String property) {
		return new SpringApplicationBuilder(JpaApplication.class).web(WebApplicationType.NONE)
			.properties("pm.db.path=" + this.dir.resolve("validate.db"), property)
			.run();
	}

	private static Dialect dialect(ConfigurableApplicationContext context) {
		return context.getBean(EntityManagerFactory.class)
			.unwrap(SessionFactoryImplementor.class)
			.getJdbcServices()
			.getDialect();
	}

}
