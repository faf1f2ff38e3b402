package de.nachruecker.support.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A GET sent byte for byte as written, for paths a real HTTP client refuses to send (an encoded {@code /}, a NUL
 * byte, a broken %-escape) but an attacker or a broken client does.
 */
public final class RawHttp {

    /**
     * @param statusLine e.g. {@code HTTP/1.1 400 }
     * @param head       the status line and the headers
     * @param body       the body, de-chunked
     */
    public record Answer(String statusLine, String head, String body) {

        public String contentType() {
            return head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("");
        }
    }

    private RawHttp() {
    }

    public static Answer get(int port, String path, String... headers) throws IOException {
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: localhost\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            byte[] answer = socket.getInputStream().readAllBytes();
            int headEnd = indexOf(answer, CRLF_CRLF, 0);
            String head = new String(answer, 0, headEnd, StandardCharsets.ISO_8859_1);
            byte[] body = Arrays.copyOfRange(answer, headEnd + 4, answer.length);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = dechunked(body);
            }
            return new Answer(head.lines().findFirst().orElse(""), head, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};

    private static byte[] dechunked(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(chunked, CRLF, at);
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        for (int i = from; i <= data.length - pattern.length; i++) {
            if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new IllegalStateException("malformed HTTP answer");
    }
}
