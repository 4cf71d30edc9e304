"""rs-connector-py doctor: the first-run check, as `rs-connector doctor` of the npm package does it.

It names what is wrong in plain English and Danish, with what to do: broker unreachable, TLS or
credentials refused, wrong vhost, queue missing or not theirs, clock skew, feed token invalid.
The problem codes and texts are the npm package's (packages/connector/src/doctor/diagnoses.ts);
a test checks they stay the same.
"""
import json
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from email.utils import parsedate_to_datetime

import pika
import pika.exceptions

DIAGNOSES = {
    "config-invalid": {
        "what": {
            "en": "The configuration is incomplete or invalid.",
            "da": "Konfigurationen er ufuldstændig eller ugyldig.",
        },
        "todo": {
            "en": "Set the variables named above (docs/connector.md lists them all) and run the check again.",
            "da": "Sæt de variabler, der er nævnt ovenfor (docs/connector.md har dem alle), og kør tjekket igen.",
        },
    },
    "broker-unreachable": {
        "what": {
            "en": "The platform’s message broker cannot be reached from this server.",
            "da": "Platformens message broker kan ikke nås fra denne server.",
        },
        "todo": {
            "en": "Check the host name and port in AMQP_URL (5671 with amqps://, 5672 with amqp://), DNS, and that your firewall lets this server connect out to it. Ask the platform operators whether the broker is up.",
            "da": "Kontrollér værtsnavn og port i AMQP_URL (5671 med amqps://, 5672 med amqp://), DNS, og at jeres firewall tillader forbindelser ud fra denne server. Spørg platformens drift, om brokeren kører.",
        },
    },
    "tls-refused": {
        "what": {
            "en": "The encrypted connection (TLS) to the broker failed.",
            "da": "Den krypterede forbindelse (TLS) til brokeren mislykkedes.",
        },
        "todo": {
            "en": "Use amqps:// with the TLS port (5671) or amqp:// with the plain port (5672), not a mix. If the certificate is not trusted, give this server the platform’s CA certificate (Node: NODE_EXTRA_CA_CERTS=/path/ca.pem, Python: SSL_CERT_FILE=/path/ca.pem) and check the server’s clock.",
            "da": "Brug amqps:// med TLS-porten (5671) eller amqp:// med den ukrypterede port (5672), ikke en blanding. Stoler serveren ikke på certifikatet, så giv den platformens CA-certifikat (Node: NODE_EXTRA_CA_CERTS=/sti/ca.pem, Python: SSL_CERT_FILE=/sti/ca.pem) og kontrollér serverens ur.",
        },
    },
    "credentials-refused": {
        "what": {
            "en": "The broker refused the user name or password.",
            "da": "Brokeren afviste brugernavn eller adgangskode.",
        },
        "todo": {
            "en": "The user is jobcentre-<code>. Check the password you were given (in AMQP_URL or the password file, without stray spaces). If it was rotated, ask the platform operators for the new one. Messages wait in your queue meanwhile.",
            "da": "Brugeren hedder jobcentre-<kode>. Kontrollér den adgangskode, I har fået (i AMQP_URL eller adgangskodefilen, uden ekstra mellemrum). Er den skiftet, så bed platformens drift om den nye. Beskederne venter i jeres kø imens.",
        },
    },
    "vhost-refused": {
        "what": {
            "en": "The login was accepted, but the virtual host in AMQP_URL does not exist or your user has no access to it.",
            "da": "Login blev godkendt, men den virtuelle host i AMQP_URL findes ikke, eller jeres bruger har ikke adgang til den.",
        },
        "todo": {
            "en": "The vhost is the path of AMQP_URL (/ is written %2F or left empty: amqp://host:5672/). Use the vhost the platform operators gave you.",
            "da": "Vhosten er stien i AMQP_URL (/ skrives %2F eller udelades: amqp://host:5672/). Brug den vhost, platformens drift har givet jer.",
        },
    },
    "queue-missing": {
        "what": {
            "en": "Your jobcentre’s queue does not exist on the broker yet.",
            "da": "Jeres jobcenters kø findes endnu ikke på brokeren.",
        },
        "todo": {
            "en": "The platform creates jobcentre.<code> when it starts; do not create it yourself (you may not). Check that JOBCENTRES is your code, and ask the platform operators to check that your jobcentre is set up.",
            "da": "Platformen opretter jobcentre.<kode>, når den starter; opret den ikke selv (det må I ikke). Kontrollér at JOBCENTRES er jeres kode, og bed platformens drift om at kontrollere, at jeres jobcenter er sat op.",
        },
    },
    "queue-not-theirs": {
        "what": {
            "en": "The queue belongs to another jobcentre than the login: a connector reads only its own queue.",
            "da": "Køen tilhører et andet jobcenter end login: en connector læser kun sin egen kø.",
        },
        "todo": {
            "en": "JOBCENTRES must be the code in your user name (jobcentre-<code>). Use your own jobcentre’s code and password.",
            "da": "JOBCENTRES skal være koden i jeres brugernavn (jobcentre-<kode>). Brug jeres eget jobcenters kode og adgangskode.",
        },
    },
    "clock-skew": {
        "what": {
            "en": "This server’s clock differs from the platform’s.",
            "da": "Denne servers ur går forkert i forhold til platformens.",
        },
        "todo": {
            "en": "Turn on time synchronisation (NTP, e.g. systemd-timesyncd or chrony). Deadlines, reply times and catch-up from the feed depend on a correct clock.",
            "da": "Slå tidssynkronisering til (NTP, fx systemd-timesyncd eller chrony). Frister, svartidspunkter og indhentning fra feedet afhænger af et korrekt ur.",
        },
    },
    "platform-unreachable": {
        "what": {
            "en": "The platform’s catch-up feed (FEED_URL) cannot be reached or did not answer properly.",
            "da": "Platformens feed til indhentning (FEED_URL) kan ikke nås eller svarede ikke korrekt.",
        },
        "todo": {
            "en": "Check FEED_URL (the broadcast service’s address, https://…) and that your firewall lets this server reach it. The queue works without it; only catch-up after a long absence needs it.",
            "da": "Kontrollér FEED_URL (broadcast-tjenestens adresse, https://…), og at jeres firewall tillader forbindelsen. Køen virker uden; kun indhentning efter et langt fravær kræver den.",
        },
    },
    "feed-token-invalid": {
        "what": {
            "en": "The platform refused the feed token.",
            "da": "Platformen afviste feed-tokenet.",
        },
        "todo": {
            "en": "Feed tokens expire: ask the platform operators for a new one for your jobcentre and put it in FEED_TOKEN or FEED_TOKEN_FILE. A token for another jobcentre reads nothing of yours.",
            "da": "Feed-tokens udløber: bed platformens drift om et nyt til jeres jobcenter, og læg det i FEED_TOKEN eller FEED_TOKEN_FILE. Et token til et andet jobcenter kan ikke læse jeres feed.",
        },
    },
}

ORDER = ["connection", "login", "vhost", "queue", "read"]


def problem(check, code, detail=None):
    found = {"check": check, "status": "problem", "problem": code, "said": dict(DIAGNOSES[code]["what"])}
    if detail is not None:
        found["detail"] = detail
    return found


def ok(check, en, da):
    return {"check": check, "status": "ok", "said": {"en": en, "da": da}}


def skipped(check, en="not tried", da="ikke prøvet"):
    return {"check": check, "status": "skipped", "said": {"en": en, "da": da}}


def first_line(error):
    return (str(error) or type(error).__name__).splitlines()[0]


def classify_connect_error(error):
    """(check, problem) for a failed connect: which step it stopped at."""
    if isinstance(error, (pika.exceptions.ProbableAuthenticationError, pika.exceptions.AuthenticationError)):
        return "login", "credentials-refused"
    if isinstance(error, pika.exceptions.ProbableAccessDeniedError):
        return "vhost", "vhost-refused"
    text = repr(error)
    if isinstance(error, ssl.SSLError) or "SSL" in text or "certificate" in text:
        return "connection", "tls-refused"
    # A TLS port hangs up on a plain AMQP greeting, and a plain port on a TLS one.
    if isinstance(error, (pika.exceptions.IncompatibleProtocolError, pika.exceptions.StreamLostError, ConnectionResetError)):
        return "connection", "tls-refused"
    return "connection", "broker-unreachable"


def broker_checks(url, code, timeout, found):
    params = pika.URLParameters(url)
    params.socket_timeout = timeout
    params.stack_timeout = timeout
    params.connection_attempts = 1
    params.client_properties = {"connection_name": f"rs-connector-py doctor {code}"}
    tls = url.startswith("amqps:")
    host = f"{params.host}:{params.port}"
    user = params.credentials.username
    vhost = params.virtual_host
    queue = f"jobcentre.{code}"
    with_tls = (" with TLS", " med TLS") if tls else ("", "")
    try:
        connection = pika.BlockingConnection(params)
    except (pika.exceptions.AMQPError, OSError) as error:
        check, code_ = classify_connect_error(error)
        if ORDER.index(check) > 0:
            found.append(ok("connection", f"reached {host}{with_tls[0]}", f"forbindelse til {host}{with_tls[1]}"))
        if ORDER.index(check) > 1:
            found.append(ok("login", f"logged in as {user}", f"logget ind som {user}"))
        found.append(problem(check, code_, first_line(error)))
        found.extend(skipped(later) for later in ORDER[ORDER.index(check) + 1:])
        return
    try:
        version = connection._impl.server_properties.get("version", b"?")
        version = version.decode() if isinstance(version, bytes) else str(version)
        found.append(ok("connection", f"reached {host}{with_tls[0]} (RabbitMQ {version})", f"forbindelse til {host}{with_tls[1]} (RabbitMQ {version})"))
        found.append(ok("login", f"logged in as {user}", f"logget ind som {user}"))
        found.append(ok("vhost", f"virtual host {vhost}", f"virtuel host {vhost}"))
        found.extend(queue_check(connection, queue))
    finally:
        try:
            connection.close()
        except pika.exceptions.AMQPError:
            pass


def queue_check(connection, queue):
    """A passive declare says whether the queue exists; a consume whether the login may read it.
    The consume is only tried on an empty queue: taking a waiting message back would count as a
    delivery attempt against the queue's redelivery limit. So with messages waiting the read
    permission is reported as not checked, never as fine."""

    def refused(error):
        if error.reply_code == 404:
            return problem("queue", "queue-missing", first_line(error))
        if error.reply_code == 403:
            return problem("queue", "queue-not-theirs", first_line(error))
        raise error

    try:
        declared = connection.channel().queue_declare(queue, passive=True).method
    except pika.exceptions.ChannelClosedByBroker as error:
        return [refused(error), skipped("read")]
    queue_ok = ok(
        "queue",
        f"queue {queue}: {declared.message_count} messages waiting, {declared.consumer_count} connectors consuming",
        f"kø {queue}: {declared.message_count} beskeder venter, {declared.consumer_count} connectorer læser",
    )
    waiting = declared.message_count
    if waiting > 0:
        return [queue_ok, skipped("read", f"read permission not checked ({waiting} waiting)", f"læseadgang ikke tjekket ({waiting} venter)")]
    try:
        channel = connection.channel()
        channel.basic_qos(prefetch_count=1)
        tag = channel.basic_consume(queue, lambda ch, method, props, body: ch.basic_nack(method.delivery_tag, requeue=True))
        channel.basic_cancel(tag)
        channel.close()
    except pika.exceptions.ChannelClosedByBroker as error:
        return [refused(error), skipped("read")]
    return [queue_ok, ok("read", f"may read queue {queue}", f"må læse kø {queue}")]


def feed_checks(code, feed, max_skew, timeout, now, found):
    """One read of the feed: is the token accepted, and how far is our clock from the platform's Date."""
    if feed is None:
        found.append(skipped("clock", "not checked: FEED_URL is not set", "ikke tjekket: FEED_URL er ikke sat"))
        found.append(skipped("feed", "not checked: FEED_URL is not set", "ikke tjekket: FEED_URL er ikke sat"))
        return
    base, token = feed
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now()))
    url = f"{base.rstrip('/')}/jobcentres/{code}/feed?" + urllib.parse.urlencode({"since": since, "limit": 1})
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    sent = now()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, headers = response.status, response.headers
    except urllib.error.HTTPError as error:
        status, headers = error.code, error.headers
    except (urllib.error.URLError, OSError) as error:
        found.append(skipped("clock"))
        found.append(problem("feed", "platform-unreachable", first_line(getattr(error, "reason", error))))
        return
    received = now()
    try:
        platform_time = parsedate_to_datetime(headers.get("Date")).timestamp()
    except (TypeError, ValueError):
        platform_time = None
    if platform_time is None:
        found.append(skipped("clock", "not checked: no Date in the answer", "ikke tjekket: svaret havde ingen Date"))
    else:
        # The Date header has whole seconds; half the round trip is how old it was on arrival.
        skew = (sent + received) / 2 - platform_time
        seconds = round(abs(skew))
        if abs(skew) > max_skew + 1 + (received - sent) / 2:
            found.append(problem("clock", "clock-skew", f"this server's clock is {seconds} s {'ahead of' if skew > 0 else 'behind'} the platform's"))
        else:
            found.append(ok("clock", f"clock within {max(seconds, 1)} s of the platform's", f"uret er højst {max(seconds, 1)} s fra platformens"))
    if not token:
        found.append(problem("feed", "feed-token-invalid", "FEED_TOKEN or FEED_TOKEN_FILE is not set"))
    elif 200 <= status < 300:
        found.append(ok("feed", f"feed token accepted for jobcentre {code}", f"feed-tokenet er godkendt til jobcenter {code}"))
    elif status in (401, 403):
        found.append(problem("feed", "feed-token-invalid", f"{status}: expired, not issued by the platform, or not a jobcentre's"))
    elif status == 404:
        found.append(problem("feed", "feed-token-invalid", f"404: the token is for another jobcentre than {code}, or FEED_URL is not the broadcast service"))
    else:
        found.append(problem("feed", "platform-unreachable", f"answered {status}"))


def run_doctor(url, code, feed, max_skew=30, timeout=5, now=time.time):
    """Every step from reaching the broker to reading the feed, each with a finding; a step that
    depends on a failed one is reported as not tried, not as a second problem."""
    found = []
    user = urllib.parse.unquote(urllib.parse.urlsplit(url).username or "")
    if user and user != f"jobcentre-{code}":
        found.append(problem("config", "queue-not-theirs", f"AMQP_URL logs in as {user}, JOBCENTRES is {code}"))
    broker_checks(url, code, timeout, found)
    feed_checks(code, feed, max_skew, timeout, now, found)
    return found


MARK = {"ok": "✓", "problem": "✗", "skipped": "-"}


def render(code, findings):
    pad = " " * 10
    lines = [f"rs-connector-py doctor — jobcentre {code} / jobcenter {code}", ""]
    for f in findings:
        lines.append(f"{MARK[f['status']]} {f['check']:<10} {f['said']['en']}")
        lines.append(f"  {pad} {f['said']['da']}")
        if f.get("problem"):
            todo = DIAGNOSES[f["problem"]]["todo"]
            if f.get("detail"):
                lines.append(f"  {pad} ({f['problem']}: {f['detail']})")
            lines.append(f"  {pad} What to do: {todo['en']}")
            lines.append(f"  {pad} Hvad I gør: {todo['da']}")
    problems = sum(1 for f in findings if f["status"] == "problem")
    lines.append("")
    lines.append(
        "All checks passed: the connector can run. / Alle tjek bestået: connectoren kan køre."
        if problems == 0
        else f"{problems} problem(s) found. / {problems} problem(er) fundet."
    )
    return "\n".join(lines) + "\n"


def diagnoses_json():
    """The texts, for the test that keeps them equal to the npm package's."""
    return json.dumps(DIAGNOSES, ensure_ascii=False)
