/** A sentence for a person, in both languages the platform speaks. */
export interface Said {
  en: string;
  da: string;
}

/**
 * What `rs-connector doctor` can find wrong on a jobcentre's server, each with what to do
 * about it. The codes are stable (scripts read them from `--json`), and the Python connector's
 * doctor (connectors/python) uses the same ones.
 */
export type Problem =
  | 'config-invalid'
  | 'broker-unreachable'
  | 'tls-refused'
  | 'credentials-refused'
  | 'vhost-refused'
  | 'queue-missing'
  | 'queue-not-theirs'
  | 'clock-skew'
  | 'platform-unreachable'
  | 'feed-token-invalid';

export const DIAGNOSES: Record<Problem, { what: Said; todo: Said }> = {
  'config-invalid': {
    what: { en: 'The configuration is incomplete or invalid.', da: 'Konfigurationen er ufuldstændig eller ugyldig.' },
    todo: {
      en: 'Set the variables named above (docs/connector.md lists them all) and run the check again.',
      da: 'Sæt de variabler, der er nævnt ovenfor (docs/connector.md har dem alle), og kør tjekket igen.',
    },
  },
  'broker-unreachable': {
    what: {
      en: 'The platform’s message broker cannot be reached from this server.',
      da: 'Platformens message broker kan ikke nås fra denne server.',
    },
    todo: {
      en: 'Check the host name and port in AMQP_URL (5671 with amqps://, 5672 with amqp://), DNS, and that your firewall lets this server connect out to it. Ask the platform operators whether the broker is up.',
      da: 'Kontrollér værtsnavn og port i AMQP_URL (5671 med amqps://, 5672 med amqp://), DNS, og at jeres firewall tillader forbindelser ud fra denne server. Spørg platformens drift, om brokeren kører.',
    },
  },
  'tls-refused': {
    what: {
      en: 'The encrypted connection (TLS) to the broker failed.',
      da: 'Den krypterede forbindelse (TLS) til brokeren mislykkedes.',
    },
    todo: {
      en: 'Use amqps:// with the TLS port (5671) or amqp:// with the plain port (5672), not a mix. If the certificate is not trusted, give this server the platform’s CA certificate (Node: NODE_EXTRA_CA_CERTS=/path/ca.pem, Python: SSL_CERT_FILE=/path/ca.pem) and check the server’s clock.',
      da: 'Brug amqps:// med TLS-porten (5671) eller amqp:// med den ukrypterede port (5672), ikke en blanding. Stoler serveren ikke på certifikatet, så giv den platformens CA-certifikat (Node: NODE_EXTRA_CA_CERTS=/sti/ca.pem, Python: SSL_CERT_FILE=/sti/ca.pem) og kontrollér serverens ur.',
    },
  },
  'credentials-refused': {
    what: {
      en: 'The broker refused the user name or password.',
      da: 'Brokeren afviste brugernavn eller adgangskode.',
    },
    todo: {
      en: 'The user is jobcentre-<code>. Check the password you were given (in AMQP_URL or the password file, without stray spaces). If it was rotated, ask the platform operators for the new one. Messages wait in your queue meanwhile.',
      da: 'Brugeren hedder jobcentre-<kode>. Kontrollér den adgangskode, I har fået (i AMQP_URL eller adgangskodefilen, uden ekstra mellemrum). Er den skiftet, så bed platformens drift om den nye. Beskederne venter i jeres kø imens.',
    },
  },
  'vhost-refused': {
    what: {
      en: 'The login was accepted, but the virtual host in AMQP_URL does not exist or your user has no access to it.',
      da: 'Login blev godkendt, men den virtuelle host i AMQP_URL findes ikke, eller jeres bruger har ikke adgang til den.',
    },
    todo: {
      en: 'The vhost is the path of AMQP_URL (/ is written %2F or left empty: amqp://host:5672/). Use the vhost the platform operators gave you.',
      da: 'Vhosten er stien i AMQP_URL (/ skrives %2F eller udelades: amqp://host:5672/). Brug den vhost, platformens drift har givet jer.',
    },
  },
  'queue-missing': {
    what: {
      en: 'Your jobcentre’s queue does not exist on the broker yet.',
      da: 'Jeres jobcenters kø findes endnu ikke på brokeren.',
    },
    todo: {
      en: 'The platform creates jobcentre.<code> when it starts; do not create it yourself (you may not). Check that JOBCENTRES is your code, and ask the platform operators to check that your jobcentre is set up.',
      da: 'Platformen opretter jobcentre.<kode>, når den starter; opret den ikke selv (det må I ikke). Kontrollér at JOBCENTRES er jeres kode, og bed platformens drift om at kontrollere, at jeres jobcenter er sat op.',
    },
  },
  'queue-not-theirs': {
    what: {
      en: 'The queue belongs to another jobcentre than the login: a connector reads only its own queue.',
      da: 'Køen tilhører et andet jobcenter end login: en connector læser kun sin egen kø.',
    },
    todo: {
      en: 'JOBCENTRES must be the code in your user name (jobcentre-<code>). Use your own jobcentre’s code and password.',
      da: 'JOBCENTRES skal være koden i jeres brugernavn (jobcentre-<kode>). Brug jeres eget jobcenters kode og adgangskode.',
    },
  },
  'clock-skew': {
    what: {
      en: 'This server’s clock differs from the platform’s.',
      da: 'Denne servers ur går forkert i forhold til platformens.',
    },
    todo: {
      en: 'Turn on time synchronisation (NTP, e.g. systemd-timesyncd or chrony). Deadlines, reply times and catch-up from the feed depend on a correct clock.',
      da: 'Slå tidssynkronisering til (NTP, fx systemd-timesyncd eller chrony). Frister, svartidspunkter og indhentning fra feedet afhænger af et korrekt ur.',
    },
  },
  'platform-unreachable': {
    what: {
      en: 'The platform’s catch-up feed (FEED_URL) cannot be reached or did not answer properly.',
      da: 'Platformens feed til indhentning (FEED_URL) kan ikke nås eller svarede ikke korrekt.',
    },
    todo: {
      en: 'Check FEED_URL (the broadcast service’s address, https://…) and that your firewall lets this server reach it. The queue works without it; only catch-up after a long absence needs it.',
      da: 'Kontrollér FEED_URL (broadcast-tjenestens adresse, https://…), og at jeres firewall tillader forbindelsen. Køen virker uden; kun indhentning efter et langt fravær kræver den.',
    },
  },
  'feed-token-invalid': {
    what: {
      en: 'The platform refused the feed token.',
      da: 'Platformen afviste feed-tokenet.',
    },
    todo: {
      en: 'Feed tokens expire: ask the platform operators for a new one for your jobcentre and put it in FEED_TOKEN or FEED_TOKEN_FILE. A token for another jobcentre reads nothing of yours.',
      da: 'Feed-tokens udløber: bed platformens drift om et nyt til jeres jobcenter, og læg det i FEED_TOKEN eller FEED_TOKEN_FILE. Et token til et andet jobcenter kan ikke læse jeres feed.',
    },
  },
};
