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
            TOKENS.digester().of("Ana@Example.com"));

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
        EmailDigester digests = TOKENS.digester();
        assertThat(digests.of(" ANA@example.COM")).isEqualTo(digests.of("ana@example.com"));
        assertThat(digests.of("ana@example.com").hex()).hasSize(64).doesNotContain("ana");
        assertThat(digests.of("ana@Bücher.example")).isEqualTo(digests.of("ana@xn--bcher-kva.example"));
    }

    @Test
    @DisplayName("the digest is keyed: not the address's SHA-256 (which confirms a guess), and another key gives"
            + " another digest")
    void digestIsKeyed() throws Exception {
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("ana@example.com".getBytes(StandardCharsets.UTF_8)));
        UnsubscribeTokens otherSecret = new UnsubscribeTokens(
                "another secret that is also long enough!!".getBytes(StandardCharsets.UTF_8));

        assertThat(TOKENS.digester().of("ana@example.com").hex()).isNotEqualTo(sha256);
        assertThat(EmailDigest.unkeyedSha256("ana@example.com").hex()).isEqualTo(sha256);
        assertThat(otherSecret.digester().of("ana@example.com")).isNotEqualTo(TOKENS.digester().of("ana@example.com"));
        // The digest key is derived, not the signing key itself: the digest is not the link's signature input.
        assertThat(new EmailDigester("a test secret that is long enough to sign with".getBytes(
                StandardCharsets.UTF_8)).of("ana@example.com")).isEqualTo(TOKENS.digester().of("ana@example.com"));
    }

    @Test
    @DisplayName("a version 1 link (issued before digests were keyed, plain SHA-256) still verifies")
    void versionOneLinksStillWork() throws Exception {
        byte[] payload = ("1\nacme-tea.myshopify.com\n1001\n" + EmailDigest.unkeyedSha256("ana@example.com").hex())
                .getBytes(StandardCharsets.UTF_8);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SendingFixtures.SECRET, "HmacSHA256"));
        var b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String v1 = b64.encodeToString(payload) + "." + b64.encodeToString(mac.doFinal(payload));

        assertThat(TOKENS.verify(v1).email()).isEqualTo(EmailDigest.unkeyedSha256("ana@example.com"));
    }

    @Test
    @DisplayName("a short secret is refused at start-up")
    void shortSecret() {
        assertThatThrownBy(() -> new UnsubscribeTokens(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
