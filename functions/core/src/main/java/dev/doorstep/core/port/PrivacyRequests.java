package dev.doorstep.core.port;

import dev.doorstep.core.intake.PrivacyRequest;

/** Where accepted privacy webhooks wait for the worker (SQS in AWS). */
public interface PrivacyRequests {

    /** Queues the request; once this returns, the work will be done (or kept in the dead-letter queue). */
    void queue(PrivacyRequest request);
}
