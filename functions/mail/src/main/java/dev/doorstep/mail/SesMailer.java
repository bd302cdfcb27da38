package dev.doorstep.mail;

import dev.doorstep.core.sending.MailOutcomeUnknownException;
import dev.doorstep.core.sending.MailSetupFailure;
import dev.doorstep.core.sending.Mailer;
import dev.doorstep.core.sending.PermanentMailFailure;
import dev.doorstep.core.sending.ReviewRequestEmail;
import dev.doorstep.core.sending.TransientMailFailure;
import dev.doorstep.lambda.AwsClients;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * Sends review requests through SES v2 as raw MIME ({@link MimeMessage}), through the configuration
 * set whose event destination reports sends, bounces and complaints, tagged with the shop and order.
 * SES errors become the four outcomes the sender acts on: transient (certainly not sent, try later),
 * set-up (certainly not sent, hold until our set-up is fixed), permanent (never will be for this
 * customer), unknown (may have been sent).
 */
public final class SesMailer implements Mailer {

    /** Shorter than the sender's Lambda timeout, so a hung call ends as "unknown", not as a killed function. */
    public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(10);

    private final SesV2Client ses;
    private final String fromAddress;
    private final String configurationSet;
    private final Clock clock;

    /**
     * @param fromAddress a verified SES identity, e.g. {@code reviews@doorstep.example}
     * @param configurationSet the configuration set name, or null for none
     */
    public SesMailer(SesV2Client ses, String fromAddress, String configurationSet, Clock clock) {
        this.ses = Objects.requireNonNull(ses, "ses");
        this.fromAddress = Objects.requireNonNull(fromAddress, "fromAddress");
        this.configurationSet = configurationSet == null || configurationSet.isBlank() ? null : configurationSet;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** For a Lambda's init phase: env {@code SENDER_ADDRESS} and optional {@code CONFIGURATION_SET}. */
    public static SesMailer fromEnvironment() {
        SesV2Client ses = AwsClients.build(SesV2Client.builder()
                .overrideConfiguration(c -> c.apiCallTimeout(API_CALL_TIMEOUT)));
        return new SesMailer(ses, AwsClients.requiredEnv("SENDER_ADDRESS"), System.getenv("CONFIGURATION_SET"),
                Clock.systemUTC());
    }

    @Override
    public String send(ReviewRequestEmail email) {
        String to = deliverable(email.to());
        String raw = MimeMessage.write(email, fromAddress, to, ZonedDateTime.now(clock));
        SendEmailRequest.Builder request = SendEmailRequest.builder()
                .fromEmailAddress(fromAddress)
                .destination(d -> d.toAddresses(to))
                .content(c -> c.raw(r -> r.data(SdkBytes.fromString(raw, StandardCharsets.UTF_8))))
                .emailTags(MessageTag.builder().name(MessageTags.SHOP).value(MessageTags.encode(email.order().shop()))
                                .build(),
                        MessageTag.builder().name(MessageTags.ORDER).value(MessageTags.encode(email.order().orderId()))
                                .build());
        if (configurationSet != null) {
            request.configurationSetName(configurationSet);
        }
        try {
            return ses.sendEmail(request.build()).messageId();
        } catch (TooManyRequestsException | LimitExceededException e) {
            throw new TransientMailFailure("the mail service refused for now: " + code(e), e);
        } catch (MailFromDomainNotVerifiedException | NotFoundException | SendingPausedException
                | AccountSuspendedException e) {
            // Our own set-up (sender domain, configuration set, account): every order would fail alike.
            throw new MailSetupFailure("the mail set-up needs attention: " + code(e), e);
        } catch (MessageRejectedException | BadRequestException e) {
            String reason = withoutAddresses(e.awsErrorDetails().errorMessage());
            if (isSetupRejection(reason)) {
                throw new MailSetupFailure("the mail set-up needs attention: " + reason, e);
            }
            throw new PermanentMailFailure("the mail service rejected the message: " + reason, e);
        } catch (SesV2Exception e) {
            if (e.statusCode() == 429 || code(e).startsWith("Throttl")) {
                throw new TransientMailFailure("the mail service is throttling: " + code(e), e);
            }
            if (e.statusCode() >= 500) {
                throw new MailOutcomeUnknownException("the mail service failed: " + code(e), e);
            }
            if (e.statusCode() == 401 || e.statusCode() == 403 || code(e).startsWith("AccessDenied")) {
                // Access denied, unknown or expired credentials: our IAM set-up, not the customer.
                throw new MailSetupFailure("the mail set-up needs attention: " + code(e), e);
            }
            throw new PermanentMailFailure("the mail service refused the message: " + code(e), e);
        } catch (SdkClientException e) {
            // A timeout or a broken connection: SES may have accepted the message before we lost it.
            throw new MailOutcomeUnknownException("no answer from the mail service: " + e.getClass().getSimpleName(),
                    e);
        }
    }

    /**
     * SES's "Email address is not verified" (a sender identity missing, or, in the SES sandbox, any
     * recipient not verified) and "Did not have authority to send from" (sending authorization) are
     * set-up matters, fixed by verifying, authorizing or leaving the sandbox.
     */
    static boolean isSetupRejection(String message) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        return m.contains("not verified") || m.contains("did not have authority");
    }

    /**
     * The address as SES can take it: one line, an ASCII local part (SES has no SMTPUTF8) and the
     * domain in its ASCII (punycode) form. The reason never repeats the address.
     */
    static String deliverable(String address) {
        String a = address.strip();
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1 || a.chars().anyMatch(c -> c < 0x21 || c == '<' || c == '>'
                || c == ',' || c == ';')) {
            throw new PermanentMailFailure("the customer's email address is not valid", null);
        }
        String local = a.substring(0, at);
        if (!MimeMessage.isPrintableAscii(local)) {
            throw new PermanentMailFailure("the customer's email address has non-ASCII characters before the @,"
                    + " which the mail service cannot deliver", null);
        }
        try {
            return local + "@" + IDN.toASCII(a.substring(at + 1), IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw new PermanentMailFailure("the customer's email domain is not valid", e);
        }
    }

    /** SES names the addresses it refuses; the reason goes to logs and the dashboard, so they go. */
    static String withoutAddresses(String message) {
        return message == null ? "" : message.replaceAll("[^\\s,;:<>\"']+@[^\\s,;:<>\"']+", "<address>");
    }

    private static String code(SesV2Exception e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? e.getClass().getSimpleName() : e.awsErrorDetails().errorCode();
    }
}
