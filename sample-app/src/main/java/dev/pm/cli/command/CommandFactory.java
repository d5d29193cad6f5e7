package dev.pm.cli.command;

import java.lang.reflect.Constructor;

import dev.pm.cli.launch.LazyApplicationContext;
import picocli.CommandLine;

/**
 * Creates commands, handing the application context to those whose constructor takes it.
 */
final class CommandFactory implements CommandLine.IFactory {

	private final LazyApplicationContext context;

	CommandFactory(LazyApplicationContext context) {
		this.context = context;
	}

	@Override
	public <K> K create(Class<K> type) throws Exception {
		for (Constructor<?> constructor : type.getDeclaredConstructors()) {
			Class<?>[] parameters = constructor.getParameterTypes();
			if (parameters.length == 1 && parameters[0] == LazyApplicationContext.class) {
				constructor.setAccessible(true);
				return type.cast(constructor.newInstance(this.context));
			}
		}
		return CommandLine.defaultFactory().create(type);
	}

}
