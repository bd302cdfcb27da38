package dev.doorstep.core.sending;

import static dev.doorstep.core.sending.SendingFixtures.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.core.model.OrderKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {

    private final UnsubscribeToken token = new UnsubscribeToken(new OrderKey("acme-tea.myshopify.com", "1001"),
            EmailDigest.of("Ana@Example.com"));

    @Test
    @DisplayName("a token we issued verifies back to the same shop, order and customer digest")
    void roundTrip() {
        String issued = TOKENS.issue(token);
        assertThat(issued).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(TOKENS.verify(issued)).isEqualTo(token);
    }

    @Test
    @DisplayName("a token changed in any way, or signed with another secret, is refused")
    void forgeries() {
        String issued = TOKENS.issue(token);
        String payload = issued.substring(0, issued.indexOf('.'));
        String signature = issued.substring(issued.indexOf('.') + 1);
        String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("1\nother.myshopify.com\n1001\n" + token.email().hex()).getBytes(StandardCharsets.UTF_8));
        UnsubscribeTokens otherSecret = new UnsubscribeTokens(
                "another secret that is also long enough!!".getBytes(StandardCharsets.UTF_8));

        for (String bad : new String[] {otherPayload + "." + signature, payload + "." + signature.substring(1),
                payload, "", "a.b.c", payload + ".!!", otherSecret.issue(token)}) {
            assertThatThrownBy(() -> TOKENS.verify(bad)).as(bad).isInstanceOf(InvalidUnsubscribeTokenException.class);
        }
        assertThatThrownBy(() -> TOKENS.verify(null)).isInstanceOf(InvalidUnsubscribeTokenException.class);
    }

    @Test
    @DisplayName("the digest ignores case, spaces and the domain's spelling (unicode or punycode); not the address")
    void digest() {
        assertThat(EmailDigest.of(" ANA@example.COM")).isEqualTo(EmailDigest.of("ana@example.com"));
        assertThat(EmailDigest.of("ana@example.com").hex()).hasSize(64).doesNotContain("ana");
        assertThat(EmailDigest.of("ana@Bücher.example")).isEqualTo(EmailDigest.of("ana@xn--bcher-kva.example"));
    }

    @Test
    @DisplayName("a short secret is refused at start-up")
    void shortSecret() {
        assertThatThrownBy(() -> new UnsubscribeTokens(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
