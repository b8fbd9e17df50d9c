"""A dxsim world reached over HTTP: boto3 clients pointed at it, and the
controls of its simulated world through the admin API under /_dxsim/
(docs/world.md describes every endpoint)."""

import datetime as _dt
import json
import urllib.error
import urllib.parse
import urllib.request

from .timefmt import go_duration, parse_go_duration, parse_rfc3339, rfc3339

# Accounts and Region of tests, as in the Go package dxsimtest. In dxsim's
# open auth mode an access key ID of 12 digits is that account.
ACCOUNT = "111122223333"
OTHER_ACCOUNT = "444455556666"
REGION = "us-east-1"

# Where the clock of a fresh world stands (manual mode), as in dxsimtest.
EPOCH = _dt.datetime(2026, 1, 1, tzinfo=_dt.timezone.utc)

# dxsim serve's provisioning delays (the flag, its default), which
# World.provision advances past.
PROVISIONING_DELAYS = {
    "cross-connect-delay": "10s",
    "pending-delay": "20s",
    "verifying-delay": "10s",
    "vif-delay": "20s",
    "macsec-key-delay": "5s",
    "gateway-delay": "20s",
}


class DxsimError(Exception):
    """dxsim could not be found, built, started, or reached."""


class AdminError(DxsimError):
    """The admin API refused a request: status is the HTTP status (400 a
    malformed request, 401 a missing token, 404 an unknown ID, 409 a
    request that does not fit the world's state) and message dxsim's
    words."""

    def __init__(self, method, path, status, message):
        super().__init__("%s %s: %d: %s" % (method, path, status, message))
        self.method, self.path, self.status, self.message = method, path, status, message


class Clock:
    """The world's simulated clock (World.clock)."""

    def __init__(self, world):
        self._world = world

    def state(self):
        """The clock: {"now": RFC 3339, "mode": "real"|"scaled"|"manual", "factor": N}."""
        return self._world.admin("GET", "/_dxsim/clock")

    def now(self):
        """Simulated time now, as an aware datetime (UTC)."""
        return parse_rfc3339(self.state()["now"])

    def set(self, mode, factor=None):
        """Switch the clock to "real", "manual", or "scaled" (with factor)."""
        body = {"mode": mode}
        if factor is not None:
            body["factor"] = factor
        return self._world.admin("PUT", "/_dxsim/clock", body)

    def set_time(self, now, mode=None, factor=None):
        """Set simulated time, forward or back (a datetime, naive as UTC,
        or an RFC 3339 string), in mode (the current one when None)."""
        body = {"now": rfc3339(now)}
        if mode is not None:
            body["mode"] = mode
        if factor is not None:
            body["factor"] = factor
        return self._world.admin("PUT", "/_dxsim/clock", body)

    def advance(self, duration):
        """Move simulated time forward by duration: a timedelta, a number
        of seconds, or a Go duration string ("30s", "1h30m")."""
        return self._world.admin("POST", "/_dxsim/clock/advance", {"duration": go_duration(duration)})


class World:
    """A dxsim world at endpoint_url (an already running dxsim, or one a
    DxsimServer started).

    admin_token is sent as the bearer token of every admin request.
    credentials, for a dxsim in strict auth mode, is the list of its
    access keys ({"accessKeyId", "secretAccessKey", "account"[,
    "sessionToken"]}, as in its --credentials file); without them, clients
    sign in open mode, with the account as access key ID. delays maps
    dxsim serve's provisioning delay flags to the values it was started
    with, for provision().
    """

    def __init__(self, endpoint_url, admin_token=None, credentials=None, delays=None):
        self.endpoint_url = (endpoint_url or "").rstrip("/")
        self.admin_token = admin_token or None
        self.credentials = list(credentials) if credentials is not None else None
        self.delays = dict(PROVISIONING_DELAYS, **(delays or {}))
        self.clock = Clock(self)
        # Loopback needs no proxy; an HTTP_PROXY of the environment must not
        # carry the admin calls elsewhere.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    # --- AWS clients -----------------------------------------------------

    def access_key(self, account=ACCOUNT):
        """The (access key ID, secret access key, session token) that sign
        as account: in open mode the account itself; in strict mode the
        first key of credentials that belongs to it."""
        if self.credentials is None:
            return account, "secret", None
        for c in self.credentials:
            if c.get("account") == account:
                return c["accessKeyId"], c["secretAccessKey"], c.get("sessionToken") or None
        known = sorted({c.get("account") for c in self.credentials})
        raise DxsimError(
            "dxsim runs in strict auth mode and has no access key of account %s; its credentials name %s "
            "(DxsimServer(accounts=[...]) or the --credentials file adds more)" % (account, ", ".join(known) or "none")
        )

    def client(self, service, account=ACCOUNT, region=REGION, **kwargs):
        """A boto3 client of service ("directconnect", "ec2",
        "secretsmanager", "sts") that signs as account in region and sends
        every request to this world. It makes one attempt per call, so a
        test sees every answer as the world gave it; pass config= (a
        botocore Config, merged over that) or any other boto3 client
        argument to change it."""
        import boto3
        from botocore.config import Config

        if not self.endpoint_url:
            # Without an endpoint boto3 would call AWS itself.
            raise DxsimError("dxsim is not started: no endpoint for a %s client" % service)
        key, secret, token = self.access_key(account)
        config = Config(retries={"total_max_attempts": 1}, proxies={})
        given = kwargs.pop("config", None)
        if given is not None:
            config = config.merge(given)
        session = boto3.session.Session(
            aws_access_key_id=key, aws_secret_access_key=secret, aws_session_token=token, region_name=region
        )
        return session.client(service, endpoint_url=self.endpoint_url, config=config, **kwargs)

    # --- the admin API ---------------------------------------------------

    def admin(self, method, path, body=None, query=None, raw=False):
        """Call the admin API and return its JSON answer (bytes when raw).
        A refusal raises AdminError with the status and dxsim's message."""
        if not self.endpoint_url:
            raise DxsimError("%s %s: dxsim is not started" % (method, path))
        url = self.endpoint_url + path
        if query:
            url += "?" + urllib.parse.urlencode({k: v for k, v in query.items() if v is not None})
        data = None
        if isinstance(body, (bytes, bytearray)):
            data = bytes(body)
        elif body is not None:
            data = json.dumps(body).encode()
        elif method not in ("GET", "HEAD"):
            data = b""
        req = urllib.request.Request(url, data=data, method=method)
        if method not in ("GET", "HEAD"):
            req.add_header("Content-Type", "application/json")
        if self.admin_token:
            req.add_header("Authorization", "Bearer " + self.admin_token)
        try:
            with self._opener.open(req, timeout=60) as resp:
                payload = resp.read()
        except urllib.error.HTTPError as e:
            payload = e.read()
            try:
                message = json.loads(payload)["error"]
            except (ValueError, KeyError, TypeError):
                message = payload.decode("utf-8", "replace")
            raise AdminError(method, path, e.code, message) from None
        except urllib.error.URLError as e:
            raise DxsimError("%s %s: dxsim at %s did not answer: %s" % (method, path, self.endpoint_url, e.reason)) from None
        return payload if raw else json.loads(payload)

    def provision(self):
        """Advance the clock past the whole provisioning timeline, so that
        connections whose LOA was downloaded so far are available, with
        their virtual interfaces and MACsec keys."""
        total = sum((parse_go_duration(v) for v in self.delays.values()), _dt.timedelta(0))
        return self.clock.advance(total)

    def link_down(self, target):
        """Take down a connection (dxcon-), a device (its awsDevice) or a
        location (EqDC2), as a fibre cut would; returns the fault."""
        return self.admin("POST", "/_dxsim/links/%s/down" % _segment(target))

    def link_up(self, target):
        """End the outage link_down started; returns the ended fault."""
        return self.admin("POST", "/_dxsim/links/%s/up" % _segment(target))

    def links(self):
        """Every fault, lasting (no "until") and ended."""
        return self.admin("GET", "/_dxsim/links")["faults"]

    def set_bgp_status(self, peer_id, status):
        """Hold a BGP session (its bgpPeerId) "down", or let it come "up"."""
        return self.admin("PUT", "/_dxsim/bgp-peers/%s/status" % _segment(peer_id), {"status": status})

    def complete_provisioning(self, resource_id):
        """Finish the provisioning of a connection, LAG or virtual
        interface now; returns [{"id", "state"}] of what it acted on."""
        return self.admin("POST", "/_dxsim/provisioning/%s/complete" % _segment(resource_id))["resources"]

    def stall_provisioning(self, resource_id):
        """Hold a resource in the provisioning stage it is in."""
        return self.admin("POST", "/_dxsim/provisioning/%s/stall" % _segment(resource_id))["resources"]

    def events(self, resource=None, resource_type=None, account=None, since=None, until=None, limit=None):
        """State changes, oldest first, filtered as GET /_dxsim/events
        filters them (resource_type is its `type`: "connection", "lag",
        "virtual-interface", "bgp-session", ...)."""
        query = {
            "resource": resource,
            "type": resource_type,
            "account": account,
            "since": rfc3339(since) if since is not None else None,
            "until": rfc3339(until) if until is not None else None,
            "limit": limit,
        }
        return self.admin("GET", "/_dxsim/events", query=query)["events"]

    def settings(self):
        """The world's settings: {"autoCrossConnect", "customerRouter", ...}."""
        return self.admin("GET", "/_dxsim/settings")

    def change_settings(self, auto_cross_connect=None, customer_router=None):
        """Change the settings given (customer_router: "configured" or
        "unconfigured") and keep the others."""
        body = {}
        if auto_cross_connect is not None:
            body["autoCrossConnect"] = bool(auto_cross_connect)
        if customer_router is not None:
            body["customerRouter"] = customer_router
        return self.admin("PUT", "/_dxsim/settings", body)

    def reset(self):
        """Empty the world: every resource, fault, held port and event.
        The clock and the settings stay as they are."""
        return self.admin("POST", "/_dxsim/reset")

    def purge(self):
        """Remove now the deleted resources past their retention; returns
        how many."""
        return self.admin("POST", "/_dxsim/purge")["removed"]

    def export(self, secrets=False):
        """The whole world as an export (bytes of JSON); secrets=True
        includes MACsec CAKs and BGP keys (needs the admin token)."""
        return self.admin("GET", "/_dxsim/export", query={"secrets": "include"} if secrets else None, raw=True)

    def import_world(self, export):
        """Replace the world and its clock with an export (bytes or str)."""
        if isinstance(export, str):
            export = export.encode()
        return self.admin("POST", "/_dxsim/import", export)


def _segment(value):
    """value as one path segment, so that an ID cannot reach another
    endpoint."""
    return urllib.parse.quote(str(value), safe="")
