package dev.doorstep.local;

import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.SchedulerServiceClientConfiguration;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.GetScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesRequest;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesResponse;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleResponse;

/**
 * The Scheduler client the hosted functions get: every call goes to the emulator unchanged, and each
 * schedule created, updated or deleted there is also told to the {@link ScheduleFirer}, so the firer
 * knows what is due without listing every schedule (and getting each one) at every clock step.
 */
final class RecordingSchedulerClient implements SchedulerClient {

    private final SchedulerClient emulator;
    private final ScheduleFirer firer;

    RecordingSchedulerClient(SchedulerClient emulator, ScheduleFirer firer) {
        this.emulator = emulator;
        this.firer = firer;
    }

    @Override
    public CreateScheduleResponse createSchedule(CreateScheduleRequest request) {
        CreateScheduleResponse response = emulator.createSchedule(request);
        firer.created(request.groupName(), request.name(), request.scheduleExpression(),
                request.scheduleExpressionTimezone(), request.target().arn(), request.target().input());
        return response;
    }

    @Override
    public UpdateScheduleResponse updateSchedule(UpdateScheduleRequest request) {
        UpdateScheduleResponse response = emulator.updateSchedule(request);
        firer.created(request.groupName(), request.name(), request.scheduleExpression(),
                request.scheduleExpressionTimezone(), request.target().arn(), request.target().input());
        return response;
    }

    @Override
    public DeleteScheduleResponse deleteSchedule(DeleteScheduleRequest request) {
        try {
            return emulator.deleteSchedule(request);
        } finally {
            firer.deleted(request.groupName(), request.name());
        }
    }

    @Override
    public GetScheduleResponse getSchedule(GetScheduleRequest request) {
        return emulator.getSchedule(request);
    }

    @Override
    public ListSchedulesResponse listSchedules(ListSchedulesRequest request) {
        return emulator.listSchedules(request);
    }

    @Override
    public String serviceName() {
        return emulator.serviceName();
    }

    @Override
    public SchedulerServiceClientConfiguration serviceClientConfiguration() {
        return emulator.serviceClientConfiguration();
    }

    @Override
    public void close() {
        // the emulator's client belongs to LocalAws
    }
}
