package dev.pm.db.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches unless {@code spring.datasource.url} names a database other than SQLite. A
 * server database is a deliberate choice of the application: pm-db then steps aside for
 * Spring Boot's own JDBC, Flyway and transaction auto-configurations, and says so once in
 * the log.
 *
 * @author pm-db
 */
class OnSqliteDataSourceUrlCondition extends SpringBootCondition {

	static final String URL_PROPERTY = "spring.datasource.url";

	private static final Log logger = LogFactory.getLog(PmDbAutoConfiguration.class);

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("pm-db database");
		@Nullable String url = context.getEnvironment().getProperty(URL_PROPERTY);
		if (!StringUtils.hasText(url)) {
			return ConditionOutcome.match(message.because(URL_PROPERTY + " is not set"));
		}
		if (SqliteDataSourceUrl.isSqlite(url)) {
			return ConditionOutcome.match(message.because(URL_PROPERTY + " names an SQLite database"));
		}
		String shown = withoutParameters(url);
		logger.info("pm-db stepped aside: " + URL_PROPERTY + " is " + shown + ", not SQLite, so Spring Boot's own"
				+ " DataSource, Flyway (spring.flyway.*) and transaction auto-configuration take over and pm.db.*"
				+ " properties are not used");
		return ConditionOutcome.noMatch(message.because(URL_PROPERTY + " is " + shown + ", not SQLite"));
	}

	// Parameters may carry a password: they are never logged.
	private static String withoutParameters(String url) {
		int parameters = url.indexOf('?');
		return (parameters < 0) ? url : url.substring(0, parameters) + "?…";
	}

}
