package dev.doorstep.core.polling;

import java.util.ArrayList;
import java.util.List;

/**
 * What one sweep of due work did.
 *
 * @param ordersRead due orders read from the index (the same order may be read in two rounds)
 * @param trackingCreated tracking retries that succeeded: now "Waiting for delivery"
 * @param trackingGivenUp tracking retries that failed again: fulfillment timing, "Will send"
 * @param trackingParked tracking retries AfterShip could not take now (busy): due again later
 * @param fallbacksUsed orders past the fallback deadline, now "Will send" with reason fallback
 * @param schedulesEnsured overdue "Will send" orders whose schedule was ensured again
 * @param sendsRearmed sends whose claim ran out long ago, handed back to the sender
 * @param nothingToDo due orders that needed nothing (changed meanwhile, fallback switched off, ...)
 * @param problems orders that failed (ids and error types only)
 * @param outOfTime whether the sweep stopped for lack of time (the rest is due at the next sweep)
 * @param wakeUpsSet wake-ups set for tracking retries and fallback deadlines due before the next sweep
 */
public record SweepOutcome(int ordersRead, int trackingCreated, int trackingGivenUp, int trackingParked,
        int fallbacksUsed, int schedulesEnsured, int sendsRearmed, int nothingToDo, List<String> problems,
        boolean outOfTime, int wakeUpsSet) {

    public SweepOutcome {
        problems = List.copyOf(problems);
    }

    static final class Counter {
        private static final int MAX_LISTED = 20;
        int read;
        int trackingCreated;
        int trackingGivenUp;
        int trackingParked;
        int fallbacksUsed;
        int schedulesEnsured;
        int sendsRearmed;
        int nothingToDo;
        int wakeUpsSet;
        boolean outOfTime;
        final List<String> problems = new ArrayList<>();

        void problem(String what) {
            if (problems.size() < MAX_LISTED) {
                problems.add(what);
            }
        }

        SweepOutcome outcome() {
            return new SweepOutcome(read, trackingCreated, trackingGivenUp, trackingParked, fallbacksUsed,
                    schedulesEnsured, sendsRearmed, nothingToDo, problems, outOfTime, wakeUpsSet);
        }
    }
}
