# dxsim in a container: a static binary built in one stage, run as a
# non-root user in a distroless image. Untested where this project is built
# (no container engine there); see README "Running in a container".
#
#   docker build -t dxsim .
#   docker run --rm -p 4599:4599 -v dxsim-data:/data dxsim

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/dxsim ./cmd/dxsim \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/dxsim /dxsim
# The nonroot user (65532) owns the volume, so the world can be written.
COPY --from=build --chown=65532:65532 /out/data /data
ENV DXSIM_LISTEN=0.0.0.0:4599 DXSIM_DATA=/data/dxsim.db
EXPOSE 4599
VOLUME /data
USER 65532:65532
HEALTHCHECK --interval=10s --timeout=5s --start-period=5s --retries=3 CMD ["/dxsim", "health"]
ENTRYPOINT ["/dxsim"]
CMD ["serve"]
