"""The connector: consumes the jobcentre's own queue with its own broker credentials, validates
every message against the published schemas, answers each order broadcast (here: "no qualified
candidates", or the candidates given with --candidate), acknowledges only after the broker
confirmed the reply, and handles a message id it has seen before only once. `answer_inquiry`
answers a pool.candidate-inquiry, as the TypeScript SDK's `connector.answerInquiry()` does.
"""
import json
import time
import uuid
from datetime import datetime, timezone

import jsonschema
import pika

TYPE_PREFIX = "dk.rekrutteringsservice."


def log(**fields):
    fields["time"] = datetime.now(timezone.utc).isoformat()
    print(json.dumps(fields), flush=True)


def _now():
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def publish_as_jobcentre(channel, code, schemas, name, data, correlation_id=None, subject=None):
    """Publishes one message as the jobcentre (user_id = its broker login, which the broker checks) on
    rs.connectors, routing key jobcentre-<code>.<name>, after validating the envelope and `data`
    against the published schemas. Returns the envelope id once the broker confirmed it (the channel
    must be in confirm mode: basic_publish then raises unless the broker took it)."""
    user = f"jobcentre-{code}"
    envelope = {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "type": TYPE_PREFIX + name + ".v1",
        "source": f"/jobcentres/{code}",
        "time": _now(),
        "datacontenttype": "application/json",
        "data": data,
    }
    if correlation_id:
        envelope["correlationid"] = correlation_id
    if subject:
        envelope["subject"] = subject
    jsonschema.validate(data, schemas[name + ".v1"])
    jsonschema.validate(envelope, schemas["envelope"])
    channel.basic_publish(
        exchange="rs.connectors",
        routing_key=f"{user}.{name}",
        body=json.dumps(envelope).encode("utf-8"),
        properties=pika.BasicProperties(
            delivery_mode=2,
            content_type="application/cloudevents+json",
            message_id=envelope["id"],
            type=envelope["type"],
            correlation_id=correlation_id,
            user_id=user,  # must be our own login: the broker refuses anything else
        ),
        mandatory=True,
    )
    return envelope["id"]


def answer_inquiry(channel, code, schemas, inquiry_id, candidate_ref, answer, note=None):
    """Answers a pool.candidate-inquiry the jobcentre received (pool.inquiry-answer): `answer` is
    "available", "not-available" or "no-longer-searchable"; `note` is optional free text (at most 500
    characters, no personal data: a CPR-shaped note is refused whole). The first answer stands.
    Raises jsonschema.ValidationError before sending anything the schema refuses; returns the
    envelope id once the broker confirmed it. A refusal arrives later on the jobcentre's own queue
    as pool.inquiry-answer-refused, its refusedMessageId = this id."""
    data = {"inquiryId": inquiry_id, "candidateRef": candidate_ref, "answer": answer}
    if note:
        data["note"] = note
    return publish_as_jobcentre(channel, code, schemas, "pool.inquiry-answer", data)


def run(url, code, schemas, candidates=(), max_messages=0, timeout=0):
    user = f"jobcentre-{code}"
    queue = f"jobcentre.{code}"
    seen = set()
    answered = 0
    started = time.monotonic()

    connection = pika.BlockingConnection(pika.URLParameters(url))
    channel = connection.channel()
    channel.confirm_delivery()  # basic_publish now raises unless the broker confirms
    channel.basic_qos(prefetch_count=5)

    def reply_to(order, envelope):
        proposed = []
        for spec in candidates:
            ref, _, summary = spec.partition(":")
            proposed.append({"candidateRef": ref, "summary": summary})
        data = {
            "roundId": order["roundId"],
            "orderId": order["orderId"],
            "answer": "candidates" if proposed else "none",
            "candidates": proposed,
        }
        publish_as_jobcentre(channel, code, schemas, "round.reply", data, correlation_id=order["orderId"], subject=order["roundId"])
        log(event="replied", roundId=order["roundId"], answer=data["answer"], inReplyTo=envelope["id"])

    log(event="started", jobcentre=code, queue=queue)
    for method, properties, body in channel.consume(queue, inactivity_timeout=0.5):
        if timeout and time.monotonic() - started > timeout:
            break
        if method is None:
            continue
        try:
            envelope = json.loads(body)
            jsonschema.validate(envelope, schemas["envelope"])
            name = envelope["type"][len(TYPE_PREFIX):]
            schema = schemas.get(name)
            if schema is None:
                raise ValueError(f"unknown type {envelope['type']}")
            jsonschema.validate(envelope["data"], schema)
        except (ValueError, KeyError, jsonschema.ValidationError) as error:
            log(event="rejected", reason=str(error).splitlines()[0])
            channel.basic_reject(method.delivery_tag, requeue=False)  # to the dead-letter queue
            continue
        if envelope["id"] in seen:
            log(event="duplicate", id=envelope["id"])
        elif name == "round.order-broadcast.v1":
            reply_to(envelope["data"], envelope)
            seen.add(envelope["id"])
            answered += 1
        elif name == "round.reply-refused.v1":
            # Nothing of that reply was recorded: the round still waits for a (corrected) answer.
            refusal = envelope["data"]
            log(event="reply-refused", refusedMessageId=refusal["refusedMessageId"], roundId=refusal.get("roundId"),
                reason=refusal["reason"], message=refusal["message"]["en"])
            seen.add(envelope["id"])
        elif name == "pool.inquiry-answer-refused.v1":
            refusal = envelope["data"]
            log(event="inquiry-answer-refused", refusedMessageId=refusal["refusedMessageId"],
                inquiryId=refusal.get("inquiryId"), reason=refusal["reason"], message=refusal["message"]["en"])
            seen.add(envelope["id"])
        else:
            log(event="received", type=name)
            seen.add(envelope["id"])
        channel.basic_ack(method.delivery_tag)
        if max_messages and answered >= max_messages:
            break

    channel.cancel()
    connection.close()
    log(event="stopped", answered=answered)
    return 0
