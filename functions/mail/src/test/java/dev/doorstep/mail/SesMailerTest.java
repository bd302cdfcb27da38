package dev.doorstep.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.sending.MailSetupFailure;
import dev.doorstep.core.sending.PermanentMailFailure;
import dev.doorstep.core.sending.TransientMailFailure;
import dev.doorstep.core.sending.ReviewRequestEmail;
import dev.doorstep.emulator.AwsEmulator;
import dev.doorstep.emulator.SentEmail;
import dev.doorstep.emulator.WithAwsEmulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;

@WithAwsEmulator
class SesMailerTest {

    private static final String FROM = "reviews@doorstep.example";
    private static final URI UNSUBSCRIBE = URI.create("https://api.doorstep.example/unsubscribe?token=abc.def");

    private final SesV2Client ses;
    private final AwsEmulator emulator;
    private final SesMailer mailer;

    SesMailerTest(SesV2Client ses, AwsEmulator emulator) {
        this.ses = ses;
        this.emulator = emulator;
        ses.createEmailIdentity(b -> b.emailIdentity(FROM));
        mailer = new SesMailer(ses, FROM, null, Clock.fixed(Instant.parse("2026-03-12T10:00:00Z"), ZoneOffset.UTC));
    }

    private static ReviewRequestEmail email(String to, String subject, String fromName, URI mailto) {
        return new ReviewRequestEmail(new OrderKey("acme-tea.myshopify.com", "1001"), to, fromName, subject,
                "Hi Zoë,\nleave a review: https://acme-tea.myshopify.com/",
                "<p>Hi Zo&euml; &lt;b&gt;</p>", UNSUBSCRIBE, mailto);
    }

    @Test
    @DisplayName("a raw multipart message with one-click unsubscribe headers, read back from SES")
    void rawMessageWithUnsubscribeHeaders() {
        String to = "buyer-" + UUID.randomUUID() + "@example.com";
        String id = mailer.send(email(to, "How was your order?", "acme-tea",
                URI.create("mailto:unsubscribe@doorstep.example?subject=unsubscribe%20abc.def")));

        SentEmail mail = single(to);
        assertThat(mail.messageId()).isEqualTo(id);
        assertThat(mail.subject()).isEqualTo("How was your order?");
        assertThat(mail.header("From")).isEqualTo("\"acme-tea\" <" + FROM + ">");
        assertThat(mail.header("List-Unsubscribe")).isEqualTo("<" + UNSUBSCRIBE + ">, "
                + "<mailto:unsubscribe@doorstep.example?subject=unsubscribe%20abc.def>");
        assertThat(mail.header("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(mail.header("MIME-Version")).isEqualTo("1.0");
        assertThat(mail.header("Content-Type")).startsWith("multipart/alternative; boundary=");
        List<String> parts = decodedParts(mail.raw());
        assertThat(parts).containsExactly("Hi Zoë,\nleave a review: https://acme-tea.myshopify.com/",
                "<p>Hi Zo&euml; &lt;b&gt;</p>");
        assertThat(mail.raw()).contains("Content-Type: text/plain; charset=UTF-8",
                "Content-Type: text/html; charset=UTF-8");
    }

    @Test
    @DisplayName("non-ASCII subject and sender name travel as RFC 2047 encoded words")
    void encodedHeaders() {
        String to = "buyer-" + UUID.randomUUID() + "@example.com";
        String subject = "Wie war Ihre Bestellung bei Café Zoë? Ihre Meinung zählt – wirklich sehr für uns 🍵";
        mailer.send(email(to, subject, "Café Zoë", null));

        SentEmail mail = single(to);
        assertThat(mail.header("Subject")).startsWith("=?UTF-8?B?");
        assertThat(decodeWords(mail.header("Subject"))).isEqualTo(subject);
        assertThat(decodeWords(mail.header("From").replace(" <" + FROM + ">", ""))).isEqualTo("Café Zoë");
        assertThat(mail.header("List-Unsubscribe")).isEqualTo("<" + UNSUBSCRIBE + ">");
        assertThat(mail.raw().split("\r\n")).allMatch(line -> line.length() <= 998);
        assertThat(mail.raw()).doesNotContain("é"); // 7-bit clean on the wire
    }

    @Test
    @DisplayName("an unverified sender identity is a set-up failure (hold, not fail), without the address")
    void unverifiedSenderIsASetupFailure() {
        SesMailer unverified = new SesMailer(ses, "nobody@unverified.example", null, Clock.systemUTC());
        assertThatThrownBy(() -> unverified.send(email("ana@example.com", "Hi", "acme", null)))
                .isInstanceOf(MailSetupFailure.class)
                .hasMessageStartingWith("the mail set-up needs attention")
                .hasMessageNotContaining("nobody@unverified.example");
    }

    @Test
    @DisplayName("AccessDenied and the SES sandbox's unverified recipient hold the order; other rejections fail it")
    void setupErrorsAreNotTheCustomersFailure() throws Exception {
        try (StubSes stub = StubSes.start()) {
            SesMailer mailer = new SesMailer(stub.client(), FROM, null, Clock.systemUTC());
            ReviewRequestEmail mail = email("ana@example.com", "Hi", "acme", null);

            stub.answer(403, "AccessDeniedException", "User is not authorized to perform ses:SendEmail");
            assertThatThrownBy(() -> mailer.send(mail)).isInstanceOf(MailSetupFailure.class)
                    .hasMessageContaining("AccessDenied");
            stub.answer(400, "MessageRejected", "Email address is not verified. The following identities failed"
                    + " the check in region US-EAST-1: ana@example.com");
            assertThatThrownBy(() -> mailer.send(mail)).isInstanceOf(MailSetupFailure.class)
                    .hasMessageNotContaining("ana@example.com");
            stub.answer(400, "SendingPausedException", "Sending is paused for this account");
            assertThatThrownBy(() -> mailer.send(mail)).isInstanceOf(MailSetupFailure.class);
            stub.answer(400, "MessageRejected", "Illegal address");
            assertThatThrownBy(() -> mailer.send(mail)).isInstanceOf(PermanentMailFailure.class)
                    .hasMessageStartingWith("the mail service rejected the message");
            stub.answer(429, "TooManyRequestsException", "Maximum sending rate exceeded");
            assertThatThrownBy(() -> mailer.send(mail)).isInstanceOf(TransientMailFailure.class);
        }
    }

    @Test
    @DisplayName("addresses SES cannot take fail permanently before any call, without repeating the address")
    void undeliverableAddresses() {
        for (String bad : new String[] {"no-at-sign", "a@b\r\nBcc: x@y", "zoë@example.com", "@example.com"}) {
            assertThatThrownBy(() -> SesMailer.deliverable(bad)).as(bad).isInstanceOf(PermanentMailFailure.class)
                    .hasMessageNotContaining(bad);
        }
        assertThat(SesMailer.deliverable(" ana@bücher.example ")).isEqualTo("ana@xn--bcher-kva.example");
    }

    @Test
    @DisplayName("tags carry shop and order reversibly within SES's allowed characters")
    void tags() {
        for (String value : new String[] {"acme-tea.myshopify.com", "gid://shopify/Order/1", "a_b", "Zoë"}) {
            assertThat(MessageTags.encode(value)).matches("[A-Za-z0-9_-]+");
            assertThat(MessageTags.decode(MessageTags.encode(value))).isEqualTo(value);
        }
        assertThat(MessageTags.encode("acme.myshopify.com")).isEqualTo("acme_2emyshopify_2ecom");
        assertThat(SesMailer.withoutAddresses("Email address is not verified: ana@example.com, bo@x.org."))
                .isEqualTo("Email address is not verified: <address>, <address>");
    }

    private SentEmail single(String to) {
        List<SentEmail> mails = emulator.sentEmails().to(to);
        assertThat(mails).hasSize(1);
        return mails.getFirst();
    }

    /** The decoded bodies of a multipart message's base64 parts, in order. */
    static List<String> decodedParts(String raw) {
        Matcher boundary = Pattern.compile("boundary=\"([^\"]+)\"").matcher(raw);
        assertThat(boundary.find()).isTrue();
        List<String> parts = new ArrayList<>();
        String[] chunks = raw.split(Pattern.quote("--" + boundary.group(1)));
        for (int i = 1; i < chunks.length; i++) {
            int split = chunks[i].indexOf("\r\n\r\n");
            if (split < 0) {
                continue;
            }
            parts.add(new String(Base64.getMimeDecoder().decode(chunks[i].substring(split + 4).strip()),
                    StandardCharsets.UTF_8));
        }
        return parts;
    }

    static String decodeWords(String value) {
        Matcher word = Pattern.compile("=\\?UTF-8\\?B\\?([^?]*)\\?=").matcher(value);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        while (word.find()) {
            bytes.writeBytes(Base64.getDecoder().decode(word.group(1)));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
