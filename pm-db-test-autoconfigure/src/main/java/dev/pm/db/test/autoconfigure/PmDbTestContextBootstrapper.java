package dev.pm.db.test.autoconfigure;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/**
 * Bootstraps {@link PmDbTest @PmDbTest}, adding its {@code properties}.
 *
 * @author pm-db
 */
class PmDbTestContextBootstrapper extends TestSliceTestContextBootstrapper<PmDbTest> {

}
