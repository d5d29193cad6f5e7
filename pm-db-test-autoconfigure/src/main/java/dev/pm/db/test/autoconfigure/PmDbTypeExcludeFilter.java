package dev.pm.db.test.autoconfigure;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/**
 * Leaves the application's components out of a {@link PmDbTest @PmDbTest}, except those
 * its include filters name.
 *
 * @author pm-db
 */
class PmDbTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<PmDbTest> {

	PmDbTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
	}

}
