package dev.pm.cli.launch;

import java.text.MessageFormat;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.NoSuchMessageException;

/**
 * The application's message source: pm has no message bundles, so a message is its
 * default, formatted with its arguments, or there is none.
 * <p>
 * Without a {@code messageSource} bean the application context makes one of Spring's,
 * whose common base class lists every locale the JDK knows as it loads: a tenth of a
 * command's start on JDK 17, for messages pm never looks up.
 *
 * @author pm-db
 */
public final class DefaultMessages implements MessageSource {

	@Override
	public @Nullable String getMessage(String code, Object @Nullable [] args, @Nullable String defaultMessage,
			@Nullable Locale locale) {
		if (defaultMessage == null || args == null || args.length == 0) {
			return defaultMessage;
		}
		return new MessageFormat(defaultMessage, (locale != null) ? locale : Locale.getDefault()).format(args);
	}

	@Override
	public String getMessage(String code, Object @Nullable [] args, @Nullable Locale locale) {
		throw new NoSuchMessageException(code);
	}

	@Override
	public String getMessage(MessageSourceResolvable resolvable, @Nullable Locale locale) {
		String message = getMessage("", resolvable.getArguments(), resolvable.getDefaultMessage(), locale);
		if (message != null) {
			return message;
		}
		String[] codes = resolvable.getCodes();
		throw new NoSuchMessageException((codes != null && codes.length > 0) ? codes[codes.length - 1] : "");
	}

}
