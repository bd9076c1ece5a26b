# The app for docker-compose.yml: build with the SDK, run on the slim ASP.NET Core runtime (as its non-root 'app' user).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Integrations.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Uploads wait here for their import job; docker-compose.yml mounts one volume here for every replica. Made here, owned by
# 'app', so a fresh volume starts out writable by it.
RUN mkdir -p /app/.data/imports && chown -R "$APP_UID" /app/.data
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080
# A 32 MB young-generation budget instead of workstation GC's ~6 MB: the runtime reads it only from the environment
# (src/Integrations.Web/Runtime.props says why, docs/operations.md#runtime what it buys). run.sh sets the same.
ENV DOTNET_GCgen0size=0x2000000
EXPOSE 8080
ENTRYPOINT ["dotnet", "Integrations.Web.dll"]
