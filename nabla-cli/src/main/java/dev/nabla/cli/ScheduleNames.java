package dev.nabla.cli;

import dev.nabla.optim.Schedules;

/** The schedule names for {@code --schedule}'s help, read from the library's one list of them. */
final class ScheduleNames extends NameList {
    ScheduleNames() {
        super(Schedules.names());
    }
}
