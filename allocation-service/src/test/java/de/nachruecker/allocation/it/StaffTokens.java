package de.nachruecker.allocation.it;

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
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * An identity provider for the tests: an RSA key pair made per run, the public key written where the service reads it
 * ({@code spring.security.oauth2.resourceserver.jwt.public-key-location}), and signed staff tokens.
 */
final class StaffTokens {

    static final String PUBLIC_KEY_LOCATION = "file:target/it-staff-jwt-public.pem";
    private static final KeyPair KEYS = writePublicKey(generate());

    private StaffTokens() {
    }

    /** A token as the identity provider would issue it, valid for ten minutes (real time: the validator's clock). */
    static String token(String user, List<String> roles, List<String> centres) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user).claim("preferred_username", user)
                .claim("roles", roles).claim("centres", centres)
                .expirationTime(new Date(System.currentTimeMillis() + 600_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(KEYS.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** Loads the class, and so writes the key, before a Spring context reads the location. */
    static void ensurePublicKeyWritten() {
        if (KEYS == null) {
            throw new IllegalStateException("no test key");
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair writePublicKey(KeyPair keys) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Path file = Path.of(PUBLIC_KEY_LOCATION.substring("file:".length()));
            Files.createDirectories(file.getParent());
            Files.writeString(file, pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }
}
