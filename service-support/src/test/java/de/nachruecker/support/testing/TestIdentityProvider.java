package de.nachruecker.support.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * An identity provider for tests: an RSA key pair made per instance, its public key written where a service reads
 * it ({@code spring.security.oauth2.resourceserver.jwt.public-key-location}), and staff tokens signed with the
 * claims the platform reads ({@code preferred_username}, {@code roles}, {@code centres}).
 */
public final class TestIdentityProvider {

    private final KeyPair keys;

    private TestIdentityProvider(KeyPair keys) {
        this.keys = keys;
    }

    public static TestIdentityProvider create() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TestIdentityProvider(generator.generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the public key as PEM and returns the location to configure, as a {@code file:} URI. */
    public String writePublicKey(Path file) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toAbsolutePath().toUri().toString();
    }

    /** A token valid for ten minutes from now (the validator checks against real time). */
    public String token(String user, List<String> roles, List<String> centres) {
        return token(user, roles, centres, Instant.now().plus(Duration.ofMinutes(10)));
    }

    public String token(String user, List<String> roles, List<String> centres, Instant expiry) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user)
                .claim("preferred_username", user)
                .claim("roles", roles)
                .claim("centres", centres)
                .issueTime(Date.from(expiry.minus(Duration.ofMinutes(15))))
                .expirationTime(Date.from(expiry))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
