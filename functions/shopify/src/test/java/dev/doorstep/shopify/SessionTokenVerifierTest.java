package dev.doorstep.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.shopify.standin.SessionTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionTokenVerifierTest {

    static final String CLIENT_ID = "client-id-1";
    static final String SECRET = "client-secret-1";
    static final String SHOP = "acme-tea.myshopify.com";
    static final Instant ISSUED = Instant.parse("2026-12-04T10:00:00Z");

    private final SessionTokenVerifier verifier = verifierAt(ISSUED.plusSeconds(5));

    private static SessionTokenVerifier verifierAt(Instant now) {
        return new SessionTokenVerifier(CLIENT_ID, SECRET, Clock.fixed(now, ZoneOffset.UTC),
                SessionTokenVerifier.DEFAULT_LEEWAY);
    }

    private static ObjectNode claims() {
        return SessionTokens.claims(SHOP, CLIENT_ID, ISSUED);
    }

    @Test
    @DisplayName("a token Shopify would sign for this app yields the shop from dest and the staff member")
    void validToken() {
        VerifiedSession session = verifier.verify(SessionTokens.sign(claims(), SECRET));

        assertThat(session.shop()).isEqualTo(SHOP);
        assertThat(session.userId()).isEqualTo("42");
        assertThat(session.expiresAt()).isEqualTo(ISSUED.plusSeconds(60));
    }

    @Test
    @DisplayName("signed with another secret: bad signature")
    void wrongSecret() {
        assertThatThrownBy(() -> verifier.verify(SessionTokens.sign(claims(), "another-secret")))
                .isInstanceOf(InvalidSessionTokenException.class).hasMessageContaining("bad signature");
    }

    @Test
    @DisplayName("claims changed after signing: bad signature")
    void tamperedClaims() {
        String[] parts = SessionTokens.sign(claims(), SECRET).split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims().put("dest", "https://other-shop.myshopify.com").toString().getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verifier.verify(parts[0] + "." + forged + "." + parts[2]))
                .isInstanceOf(InvalidSessionTokenException.class).hasMessageContaining("bad signature");
    }

    @Test
    @DisplayName("alg none (no signature) is refused before anything is read")
    void algNone() {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(claims().toString().getBytes());
        assertThatThrownBy(() -> verifier.verify(header + "." + payload + "."))
                .isInstanceOf(InvalidSessionTokenException.class).hasMessageContaining("algorithm");
    }

    @Test
    @DisplayName("expired beyond the leeway is refused; inside the leeway it passes")
    void expiry() {
        String token = SessionTokens.sign(claims(), SECRET);
        assertThat(verifierAt(ISSUED.plusSeconds(65)).verify(token).shop()).isEqualTo(SHOP);
        assertThatThrownBy(() -> verifierAt(ISSUED.plusSeconds(71)).verify(token))
                .isInstanceOf(InvalidSessionTokenException.class).hasMessageContaining("expired");
    }

    @Test
    @DisplayName("not valid before nbf (beyond the leeway)")
    void notBefore() {
        String token = SessionTokens.sign(claims(), SECRET);
        assertThatThrownBy(() -> verifierAt(ISSUED.minusSeconds(30)).verify(token))
                .isInstanceOf(InvalidSessionTokenException.class).hasMessageContaining("not yet valid");
    }

    @Test
    @DisplayName("issued for another app: wrong audience")
    void wrongAudience() {
        assertThatThrownBy(() -> verifier.verify(SessionTokens.sign(claims().put("aud", "other-app"), SECRET)))
                .isInstanceOf(InvalidSessionTokenException.class).hasMessageContaining("wrong audience");
    }

    @Test
    @DisplayName("dest must be a myshopify.com shop, and iss must name the same shop")
    void shopClaims() {
        assertThatThrownBy(() -> verifier.verify(SessionTokens.sign(claims().put("dest", "https://evil.example"), SECRET)))
                .isInstanceOf(InvalidSessionTokenException.class).hasMessageContaining("dest");
        assertThatThrownBy(() -> verifier.verify(SessionTokens.sign(
                        claims().put("iss", "https://other-shop.myshopify.com/admin"), SECRET)))
                .isInstanceOf(InvalidSessionTokenException.class).hasMessageContaining("different shops");
    }

    @Test
    @DisplayName("missing, malformed and garbage tokens are refused, and the message never echoes the token")
    void malformed() {
        assertThatThrownBy(() -> verifier.verify(null)).isInstanceOf(InvalidSessionTokenException.class);
        assertThatThrownBy(() -> verifier.verify("abc.def")).isInstanceOf(InvalidSessionTokenException.class);
        assertThatThrownBy(() -> verifier.verify("a!.b!.c!")).isInstanceOf(InvalidSessionTokenException.class)
                .message().doesNotContain("a!");
    }
}
