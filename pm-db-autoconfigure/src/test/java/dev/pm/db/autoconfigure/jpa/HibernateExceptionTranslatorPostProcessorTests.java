package dev.pm.db.autoconfigure.jpa;

import dev.pm.db.jdbc.SqliteExceptionTranslator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;
import org.springframework.orm.jpa.JpaDialect;
import org.springframework.orm.jpa.vendor.EclipseLinkJpaDialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class HibernateExceptionTranslatorPostProcessorTests {

	// No translator bean: asking for it would fail the test.
	private final ObjectProvider<SqliteExceptionTranslator> noTranslator = new StaticListableBeanFactory()
		.getBeanProvider(SqliteExceptionTranslator.class);

	private final HibernateExceptionTranslatorPostProcessor postProcessor = new HibernateExceptionTranslatorPostProcessor(
			this.noTranslator);

	@Test
	void leavesEntityManagerFactoriesOfOtherJpaProvidersAlone() {
		EntityManagerFactoryInfo eclipseLink = mock(EntityManagerFactoryInfo.class);
		JpaDialect dialect = new EclipseLinkJpaDialect();
		given(eclipseLink.getJpaDialect()).willReturn(dialect);
		assertThat(this.postProcessor.postProcessAfterInitialization(eclipseLink, "entityManagerFactory"))
			.isSameAs(eclipseLink);
	}

	@Test
	void leavesOtherBeansAlone() {
		Object bean = new Object();
		assertThat(this.postProcessor.postProcessAfterInitialization(bean, "other")).isSameAs(bean);
	}

}
