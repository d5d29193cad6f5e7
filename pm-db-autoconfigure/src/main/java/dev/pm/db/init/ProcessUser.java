package dev.pm.db.init;

import com.sun.security.auth.module.UnixSystem;

/**
 * The user this process runs as, to compare with the owners of files.
 *
 * @author pm-db
 */
final class ProcessUser {

	private ProcessUser() {
	}

	/**
	 * Return the process's user id. Unix only: elsewhere the JDK has no such user.
	 */
	static long uid() {
		return new UnixSystem().getUid();
	}

}
