"""The connector: consumes the jobcentre's own queue with its own broker credentials, validates
every message against the published schemas, answers each order broadcast (here: "no qualified
candidates", or the candidates given with --candidate), acknowledges only after the broker
confirmed the reply, and handles a message id it has seen before only once.
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
        reply = {
            "specversion": "1.0",
            "id": str(uuid.uuid4()),
            "type": TYPE_PREFIX + "round.reply.v1",
            "source": f"/jobcentres/{code}",
            "time": datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "datacontenttype": "application/json",
            "correlationid": order["orderId"],
            "subject": order["roundId"],
            "data": data,
        }
        jsonschema.validate(reply, schemas["envelope"])
        jsonschema.validate(data, schemas["round.reply.v1"])
        channel.basic_publish(
            exchange="rs.connectors",
            routing_key=f"{user}.round.reply",
            body=json.dumps(reply).encode("utf-8"),
            properties=pika.BasicProperties(
                delivery_mode=2,
                content_type="application/cloudevents+json",
                message_id=reply["id"],
                type=reply["type"],
                correlation_id=order["orderId"],
                user_id=user,  # must be our own login: the broker refuses anything else
            ),
            mandatory=True,
        )
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
