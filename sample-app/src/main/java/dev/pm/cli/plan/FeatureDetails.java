package dev.pm.cli.plan;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A feature with its tasks, as {@code pm feature show} prints it.
 *
 * @param feature the feature
 * @param tasks its tasks, archived ones included
 */
public record FeatureDetails(@JsonUnwrapped Feature feature, List<Task> tasks) {
}
