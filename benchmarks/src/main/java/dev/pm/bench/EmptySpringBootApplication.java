package dev.pm.bench;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Configuration;

/**
 * A Spring Boot application with nothing in it (no auto-configuration, no bean of its
 * own): the start of Spring Boot itself, a floor under any Spring Boot command-line
 * tool's cold start on the same machine.
 *
 * @author pm-db
 */
@Configuration(proxyBeanMethods = false)
public class EmptySpringBootApplication {

	/**
	 * Start and close the application.
	 * @param args ignored
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(EmptySpringBootApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.run().close();
	}

}
