package dev.pm.cli.plan;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * An epic with its features and tasks, as {@code pm epic show} prints it.
 *
 * @param epic the epic
 * @param features its features
 * @param tasks its tasks, archived ones included
 */
public record EpicDetails(@JsonUnwrapped Epic epic, List<Feature> features, List<Task> tasks) {
}
