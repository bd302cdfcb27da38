package dev.doorstep.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sesv2.SesV2Client;

@WithAwsEmulator
class SesSmokeTest {

    @Test
    void sendThroughAVerifiedIdentityAndReadTheMessageBack(SesV2Client ses, AwsEmulator emulator) {
        String recipient = "buyer-" + UUID.randomUUID() + "@example.com";
        ses.createEmailIdentity(b -> b.emailIdentity("reviews@shop.example"));
        String raw = "From: reviews@shop.example\r\nTo: " + recipient + "\r\nSubject: How was your order?\r\n"
                + "List-Unsubscribe: <https://doorstep.example/unsubscribe?t=abc>\r\n"
                + "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nTell us what you think.";

        String id = ses.sendEmail(b -> b.fromEmailAddress("reviews@shop.example")
                .destination(d -> d.toAddresses(recipient))
                .content(c -> c.raw(r -> r.data(SdkBytes.fromString(raw, StandardCharsets.UTF_8))))).messageId();

        assertThat(emulator.sentEmails().to(recipient)).singleElement().satisfies(mail -> {
            assertThat(mail.messageId()).isEqualTo(id);
            assertThat(mail.subject()).isEqualTo("How was your order?");
            assertThat(mail.header("list-unsubscribe-post")).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(mail.body()).contains("Tell us what you think.");
        });
    }
}
