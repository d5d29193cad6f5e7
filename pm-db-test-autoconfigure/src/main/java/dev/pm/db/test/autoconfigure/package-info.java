/**
 * Testing applications that use pm-db: the {@link dev.pm.db.test.autoconfigure.PmDbTest}
 * slice, and a fresh pm-db database for Spring Boot's JDBC test slices.
 */
@NullMarked
package dev.pm.db.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
