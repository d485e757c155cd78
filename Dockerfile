# syntax=docker/dockerfile:1
# Build stage: the same command as the README's "Build and run".
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src ./src
COPY alerts ./alerts
RUN mvn -B -DskipTests package

# Run stage: a JRE, a non-root user, the shaded jar, the README's defaults.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --no-create-home sipexporter
COPY --from=build /src/target/sip-exporter.jar /opt/sip-exporter/sip-exporter.jar
USER 10001
# raw SIP copies and HEP (UDP and TCP), web: /metrics, /, /-/healthy
EXPOSE 5060/udp 5060/tcp 9060/udp 9060/tcp 10060/tcp
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["java", "-jar", "/opt/sip-exporter/sip-exporter.jar", "healthcheck"]
ENTRYPOINT ["java", "-jar", "/opt/sip-exporter/sip-exporter.jar"]
