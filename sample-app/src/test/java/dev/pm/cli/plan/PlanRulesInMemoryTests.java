package dev.pm.cli.plan;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The plan's rules on an in-memory database.
 */
@SpringBootTest(properties = "pm.db.path=:memory:")
class PlanRulesInMemoryTests extends PlanRulesTests {

}
