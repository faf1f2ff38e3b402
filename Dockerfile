# One image per service, built from the same multi-module source:
#   docker build --build-arg SERVICE=registration-service -t nachruecker/registration-service .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests -pl registration-service,slot-service,allocation-service,notification-service -am package

FROM eclipse-temurin:17-jre
ARG SERVICE
RUN useradd --system --uid 10001 nachruecker
USER 10001
WORKDIR /app
COPY --from=build /src/${SERVICE}/target/${SERVICE}.jar app.jar
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
