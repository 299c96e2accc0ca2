#!/usr/bin/env python3
"""Writes the synthetic redaction corpus: samples.tsv and keystrokes.tsv.

Every value is made up here from a fixed seed: card numbers get a real issuer prefix and a Luhn check
digit, IBANs a computed mod-97 check, tokens the documented prefix followed by random characters.
None is a real account or credential. Run from this directory: python3 generate_corpus.py

samples.tsv columns: expected detector ids (comma-separated, "-" for none), the secret substrings
that must not survive redaction ("|"-separated, "-" for none), the text. Text escapes: \\n \\t \\\\.
"""
import base64, json, random, string

R = random.Random(20240603)
ALNUM = string.ascii_letters + string.digits
UP = string.ascii_uppercase + string.digits
HEX = "0123456789abcdef"
B64 = string.ascii_letters + string.digits + "+/"
URLSAFE = string.ascii_letters + string.digits + "_-"

def rnd(chars, n):
    # Random strings must look random: make sure digits and both cases are present.
    while True:
        s = "".join(R.choice(chars) for _ in range(n))
        if chars in (HEX, UP) or (any(c.isdigit() for c in s) and any(c.isupper() for c in s) and any(c.islower() for c in s)):
            return s

def luhn_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9: d -= 9
        total += d
    return str((10 - total % 10) % 10)

def card(prefix, length):
    body = prefix + "".join(R.choice(string.digits) for _ in range(length - len(prefix) - 1))
    return body + luhn_digit(body)

def bad_luhn(c):
    last = int(c[-1]); return c[:-1] + str((last + 1) % 10)

def group(s, sizes, sep):
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i + n]); i += n
    return sep.join(out)

def mod97(s):
    r = 0
    for ch in s:
        v = int(ch) if ch.isdigit() else ord(ch) - 55
        r = (r * (100 if v > 9 else 10) + v) % 97
    return r

def iban(country, bban):
    check = 98 - mod97(bban + country + "00")
    return f"{country}{check:02d}{bban}"

def spaced(s):
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))

def digits(n): return "".join(R.choice(string.digits) for _ in range(n))

def b64url(obj):
    return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")

def jwt():
    h = b64url({"alg": R.choice(["HS256", "RS256", "ES256"]), "typ": "JWT"})
    p = b64url({"sub": digits(8), "name": R.choice(["Ana Ruiz", "Kenji Sato", "Lena Vogel"]), "iat": 1717400000 + R.randint(0, 99999)})
    return f"{h}.{p}.{rnd(URLSAFE, 43)}"

def pem(kind="RSA PRIVATE KEY", lines=4, nl="\n"):
    body = nl.join(rnd(B64, 64) for _ in range(lines))
    return f"-----BEGIN {kind}-----{nl}{body}{nl}-----END {kind}-----"

rows = []
def add(expect, secrets, text):
    rows.append((expect, secrets, text))

# ---- positives, several languages and settings ----
names = ["anna.schmidt", "j.dupont", "maria.garcia", "t.yamada", "ivan.petrov", "li.wei", "o'neil.k", "sam+news"]
domains = ["example.de", "example.fr", "beispiel.example", "mail.example.co.jp", "example.ru", "corp.example.com", "example.org"]
email_t = ["Bitte schicken Sie den Bericht an {} bis Freitag.", "Merci d'écrire à {} pour toute question.",
           "Escríbeme a {} cuando puedas.", "{} さんにメールしてください。", "Напишите мне на {} сегодня.",
           "Reply-To: {}", "mailto:{}", '{{"owner": "{}", "role": "admin"}}', "git commit --author=\"Ana <{}>\"",
           "Inbox (3) - {} - Outlook", "CC: {}, bob@example.net"]
for i in range(22):
    e = f"{R.choice(names)}{R.randint(1, 99) if i % 3 == 0 else ''}@{R.choice(domains)}"
    t = email_t[i % len(email_t)]
    if "bob@example.net" in t:
        add("email", f"{e}|bob@example.net", t.format(e))
    else:
        add("email", e, t.format(e))
add("email", "müller@example.de", "Kontakt: müller@example.de")

phones = ["+49 30 12345678", "+49 (0)89 2345 6789", "+33 1 23 45 67 89", "+34 912 345 678", "+81 3-1234-5678",
          "+7 495 123-45-67", "+1 (415) 555-0132", "+44 20 7946 0958", "+41 44 668 18 00", "+31 20 794 6512",
          "(212) 555-0187", "415-555-0199", "415.555.0143", "030 12345678", "089/12345678", "06 12 34 56 78",
          "090-1234-5678", "0171 2345678", "8 (495) 123-45-67", "+4915112345678", "0044 20 7946 0321", "+39 06 6982 1234"]
phone_t = ["Ruf mich an unter {}.", "Appelez-moi au {} demain.", "Mi número es {}.", "電話番号: {}", "Телефон: {}",
           "Call me at {} after 5pm", "tel:{}", "Mobile {} (private)"]
for i, p in enumerate(phones):
    add("phone", p, phone_t[i % len(phone_t)].format(p))

cards = [card("4", 16), card("4", 16), card("51", 16), card("55", 16), card("2221", 16), card("37", 15),
         card("34", 15), card("6011", 16), card("3530", 16), card("62", 16), card("4", 13), card("6", 19),
         card("4", 16), card("52", 16), card("36", 14)]
card_t = ["Kartennummer: {}", "Carte bancaire {} exp 09/27", "Tarjeta {}", "カード番号 {}", "Номер карты {}",
          "Pay with {} please", '{{"pan":"{}"}}', "{} 123"]
for i, c in enumerate(cards):
    if len(c) == 16:
        shown = [c, group(c, [4, 4, 4, 4], " "), group(c, [4, 4, 4, 4], "-")][i % 3]
    elif len(c) == 15:
        shown = group(c, [4, 6, 5], " ") if i % 2 else c
    else:
        shown = c
    add("payment-card", shown, card_t[i % len(card_t)].format(shown))

ibans = [iban("DE", digits(18)), iban("FR", digits(10) + "ABC" + digits(8) + digits(2)), iban("ES", digits(20)),
         iban("GB", "WEST" + digits(14)), iban("NL", "ABNA" + digits(10)), iban("IT", "X" + digits(10) + digits(12)),
         iban("CH", digits(17)), iban("AT", digits(16)), iban("BE", digits(12)), iban("DE", digits(18)),
         iban("PL", digits(24)), iban("SE", digits(20))]
iban_t = ["IBAN: {}", "Bitte überweisen Sie auf {} (Sparkasse).", "Virement vers {} svp", "Cuenta {}",
          "振込先 {}", "Счёт {}"]
for i, b in enumerate(ibans):
    shown = spaced(b) if i % 2 else b
    add("iban", shown, iban_t[i % len(iban_t)].format(shown))

ssns = ["123-45-6780", "078-05-1121", "219-09-9999", "536-22-1847", "401 23 4567", "665-12-3456", "899-99-0001",
        "001-01-0001", "772-10-4321", "344-55-9012", "512-34-7788", "623-45-1234"]
ssn_t = ["SSN: {}", "Social Security Number {} on file", "ssn={}", "Employee SSN {}"]
for i, s in enumerate(ssns):
    add("ssn", s, ssn_t[i % len(ssn_t)].format(s))

ips = ["203.0.113.42", "198.51.100.7", "192.168.1.20", "10.0.12.5", "172.16.254.1", "8.8.4.4", "100.64.0.9",
       "2001:db8::8a2e:370:7334", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "fe80::1ff:fe23:4567:890a",
       "2001:db8:0:1::42", "::ffff:198.51.100.23", "2a00:1450:4001:82a::200e"]
ip_t = ["ssh admin@{}", "Verbindung zu {} fehlgeschlagen", "Client IP: {}", "[{}]:8443", "ping {}", "from {} port 22"]
for i, ip in enumerate(ips):
    det = "ipv6" if ":" in ip else "ipv4"
    t = ip_t[i % len(ip_t)]
    if "admin@" in t and det == "ipv4":
        t = "ssh -p 22 {}"
    add(det, ip, t.format(ip))

for i in range(10):
    j = jwt()
    t = ["Authorization: Bearer {}", "token={}"[:0] + "JWT: {}", '{{"id_token":"{}"}}', "Cookie: session={}", "{}"][i % 5]
    add("jwt", j, t.format(j))

for i, kind in enumerate(["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PGP PRIVATE KEY BLOCK"]):
    p = pem(kind)
    first_line = p.split("\n")[1]
    add("pem-private-key", first_line, ["key.pem:\n{}", "{}", "Hier der Schlüssel:\n{}\nBitte nicht teilen."][i % 3].format(p))
# A block cut off before its END line (the person is still pasting).
p = pem("RSA PRIVATE KEY").rsplit("\n", 1)[0]
add("pem-private-key", p.split("\n")[1], p)

for i in range(8):
    kid = R.choice(["AKIA", "ASIA"]) + rnd(UP, 16)
    add("aws-access-key-id", kid, ["aws_access_key_id = {}", "export AWS_ACCESS_KEY_ID={}", "Schlüssel-ID {} rotiert", '"AccessKeyId": "{}"'][i % 4].format(kid))
for i in range(8):
    sk = rnd(B64, 40)
    add("aws-secret-key", sk, ["aws_secret_access_key = {}", "AWS_SECRET_ACCESS_KEY={}", '"SecretAccessKey": "{}"', "AWS Secret Access Key: {}"][i % 4].format(sk))
for i in range(7):
    g = "AIza" + rnd(URLSAFE, 35)
    add("gcp-api-key", g, ["GOOGLE_API_KEY={}", "maps.js?libraries=places {}", "const key = '{}';", "Clé API : {}"][i % 4].format(g))
for i in range(4):
    p = pem("PRIVATE KEY", 3, "\\n")
    kid = rnd(HEX, 40)
    doc = '{"type": "service_account", "project_id": "demo-project-%d", "private_key_id": "%s", "private_key": "%s\\n", "client_email": "svc@demo-project.iam.gserviceaccount.com"}' % (i, kid, p)
    add("gcp-service-account,email", kid + "|" + p.split("\\n")[1] + "|svc@demo-project.iam.gserviceaccount.com", doc)
for i in range(6):
    k = rnd(B64, 86) + "=="
    t = ["DefaultEndpointsProtocol=https;AccountName=acmestore%d;AccountKey={};EndpointSuffix=core.windows.net" % i,
         "Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={}",
         "AZURE_STORAGE_KEY AccountKey={}"][i % 3]
    if "SharedAccessKey=" in t:
        k = rnd(B64, 43) + "="
    add("azure-storage-key", k, t.format(k))
for i in range(9):
    pre = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"][i % 5]
    tok = pre + rnd(ALNUM, 36) if i < 7 else "github_pat_" + rnd(ALNUM, 22) + "_" + rnd(ALNUM, 59)
    add("github-token", tok, ["GITHUB_TOKEN={}", "git clone https://x-access-token:{}@github.example.com/org/repo".replace("{}", "TOKEN") if False else "token: {}", "export GH_TOKEN={}", "Mein Token {} bitte löschen"][i % 4].format(tok))
for i in range(6):
    tok = R.choice(["glpat-", "glpat-", "glptt-", "gldt-"]) + rnd(URLSAFE, 20)
    add("gitlab-token", tok, ["PRIVATE-TOKEN: {}", "CI_JOB_TOKEN={}", "curl --header 'PRIVATE-TOKEN: {}' https://gitlab.example.com/api/v4/projects"][i % 3].format(tok))
for i in range(7):
    tok = "xox" + "bpaos"[i % 5] + "-" + digits(12) + "-" + digits(13) + "-" + rnd(ALNUM, 24)
    add("slack-token", tok, ["SLACK_BOT_TOKEN={}", "Bearer {}", "slack token: {}"][i % 3].format(tok))
for i in range(5):
    hook = "https://hooks.slack.com/services/T" + rnd(UP, 8) + "/B" + rnd(UP, 10) + "/" + rnd(ALNUM, 24)
    add("slack-webhook", hook, ["curl -X POST {} -d @msg.json", "webhook_url: {}", "Webhook: {}"][i % 3].format(hook))
for i in range(8):
    tok = ["sk_live_", "rk_live_", "pk_live_", "sk_test_"][i % 4] + rnd(ALNUM, 24 + i)
    if i == 7: tok = "whsec_" + rnd(ALNUM, 32)
    add("stripe-key", tok, ["STRIPE_SECRET_KEY={}", "stripe.api_key = \"{}\"", "Stripe-Schlüssel {}"][i % 3].format(tok))
for i in range(5):
    tok = "npm_" + rnd(ALNUM, 36)
    add("npm-token", tok, ["//registry.npmjs.org/:_authToken={}", "NPM_TOKEN={}"][i % 2].format(tok))
for i in range(5):
    tok = R.choice(["SK", "AC"]) + rnd(HEX, 32)
    add("twilio-key", tok, ["TWILIO_API_KEY={}", "twilio sid {}"][i % 2].format(tok))
for i in range(5):
    tok = "SG." + rnd(URLSAFE, 22) + "." + rnd(URLSAFE, 43)
    add("sendgrid-key", tok, ["SENDGRID_API_KEY={}", "sendgrid key: {}"][i % 2].format(tok))
for i in range(7):
    tok = ["sk-", "sk-proj-", "sk-svcacct-", "sk-ant-api03-"][i % 4] + rnd(URLSAFE, 48)
    add("openai-key", tok, ["OPENAI_API_KEY={}", "client = OpenAI(api_key=\"{}\")", "Schlüssel: {}"[:0] + "Clave: {}"][i % 3].format(tok))

creds = [("alice", "S3cr3t!pass"), ("deploy", "hunter2hunter2"), ("jürgen", "Sommer2024"), ("root", "toor-1234")]
for i, (u, pw) in enumerate(creds):
    url = ["postgres://{u}:{p}@db.internal.example:5432/app", "https://{u}:{p}@git.example.com/team/repo.git",
           "ftp://{u}:{p}@files.example.org/incoming", "redis://{u}:{p}@cache.example.net:6379/0"][i].format(u=u, p=pw)
    add("url-credentials", f"{pw}", ["DATABASE_URL={}", "git remote add origin {}", "Öffne {}", "{}"][i].format(url))
params = [("access_token", rnd(ALNUM, 32)), ("token", rnd(ALNUM, 24)), ("api_key", rnd(ALNUM, 32)), ("key", "AbC" + digits(9)),
          ("sig", rnd(ALNUM, 30) + "%3D"), ("code", rnd(URLSAFE, 20)), ("password", "Winter2025"), ("X-Amz-Signature", rnd(HEX, 64)),
          ("client_secret", rnd(ALNUM, 28)), ("secret", "tulips-and-" + digits(4)), ("auth", rnd(ALNUM, 16))]
for i, (k, v) in enumerate(params):
    url = ["https://app.example.com/callback?state=xyz&{k}={v}", "https://api.example.org/v1/items?{k}={v}&page=2",
           "https://acme.blob.core.windows.net/c/f.pdf?sv=2022-11-02&se=2025-01-01&sp=r&{k}={v}", "https://example.com/#{k}={v}"][i % 4]
    add("url-secret-param", v, "Navigated to " + url.format(k=k, v=v))

assigns = [("password", "Tr0ub4dor&3"), ("Passwort", "Sommer2024!"), ("mot de passe", "soleil-42"), ("contraseña", "Madrid#99"),
           ("пароль", "Zima2024"), ("パスワード", "sakura77"), ("client_secret", rnd(ALNUM, 20)), ("api_key", rnd(HEX, 32)),
           ("DB_PASSWORD", "pg-local-77"), ("secret", "correct horse"[:7] + "Battery9"), ("pwd", "qwerty123"), ("Kennwort", "Hamburg1!")]
for i, (k, v) in enumerate(assigns):
    sep = [": ", "=", " = ", "："][i % 4] if k != "パスワード" else "："
    add("credential-assignment", v, [f"{k}{sep}{v}", f"Login mit {k}{sep}{v} ok", f'{{"{k}"{sep}"{v}"}}', f"{k}{sep}{v} # TODO remove"][i % 4])

for i in range(12):
    tok = rnd(ALNUM + "_-", [24, 32, 40, 48][i % 4])
    add("high-entropy", tok, ["Authorization: Token {}", "Header value {}", "curl -H 'apikey {}' https://api.example.com", "secret {} expires soon", "{}", "Lizenzschlüssel {}"][i % 6].format(tok))

# Several kinds in one text.
e = "k.tanaka@example.co.jp"; c = card("4", 16); p = "+81 90-1234-5678"
add("email,payment-card,phone", f"{e}|{c}|{p}", f"顧客 {e}, カード {c}, 電話 {p}")
g = "ghp_" + rnd(ALNUM, 36); a = "AKIA" + rnd(UP, 16)
add("github-token,aws-access-key-id", f"{g}|{a}", f'env:\n  GH={g}\n  AWS={a}\n')

# ---- negatives: near misses and ordinary work text ----
neg = [
    "Version 1.2.3.4 released", "Chrome 120.0.6099.109 on Linux", "v10.0.19041.1", "Meeting am 15.03.2024 um 14:30",
    "Rechnung vom 2024-03-15", "Deadline 03/15/2024", "Réunion le 12/06/2025 à 10h", "Order #1234567890",
    "Bestellnummer 4711-0815", "Ticket JIRA-12345", "Invoice INV-2024-000123", "Total: 1 234 567,89 €",
    "ISBN 978-3-16-148410-0", "Build 2024.3.1 (#8812)", "Temperature 21.5°C, humidity 45%", "Pi is 3.14159265358979",
    "Port 8080 and 443", "Uhrzeit 12:30:45", "MAC 00:1A:2B:3C:4D:5E", "std::vector<int> v;", "a::b::c",
    "git checkout 3f2a9c1b7e4d5a6f8b9c0d1e2f3a4b5c6d7e8f90", "sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "md5 d41d8cd98f00b204e9800998ecf8427e", "Request-Id 550e8400-e29b-41d4-a716-446655440000",
    "uuid: 123e4567-e89b-12d3-a456-426614174000", "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
    "AbstractSingletonProxyFactoryBean", "getUserAccountSettingsForOrganization2", "src/main/java/dev/understudy/core/Pipeline.java",
    "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "node_modules/@types/node/index.d.ts", "logo@2x.png", "icon@3x.jpg",
    "git@github.com:acme/widgets.git", "@channel please review", "user@localhost", "Follow @understudy on social",
    "password: ********", "password=${DB_PASSWORD}", "Forgot password?", "Passwort vergessen?", "api_key: <your key here>",
    "secret: true", "Reset your password here", "token=", "https://example.com/search?q=tokens&page=2",
    "https://example.com/docs/api-keys#create", "https://www.example.org/wiki/Secret_Service",
    "Paris, 75008 — tél. inconnu", "Tabelle1!A1:B5", "=SUMME(A1:A10)", "Zeile 42, Spalte 7",
    "Kontonummer fehlt", "IBAN DE00 0000 0000 0000 0000 00", "sk-learn-is-a-python-library-name", "sk-learn tutorial",
    "AKIA is a prefix used by AWS", "ghp_ prefix tokens are GitHub's", "eyJ is base64 for {\"", "-----BEGIN CERTIFICATE-----",
    "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----",
    "The quick brown fox jumps over the lazy dog", "Der schnelle braune Fuchs springt über den faulen Hund",
    "Le vif renard brun saute par-dessus le chien paresseux", "El veloz zorro marrón salta sobre el perro perezoso",
    "素早い茶色の狐がのろまな犬を飛び越える", "Съешь же ещё этих мягких французских булок", "Quarterly report Q3 2024 - Final.docx",
    "Untitled 1 - LibreOffice Writer", "Inbox (12) - Outlook", "localhost:3000/dashboard", "127.0.0.1:8080",
    "::1 is localhost", "0.0.0.0/0", "Serial number SN-2024-00017", "Lot 20240315-A", "Phone:", "Call extension 4412",
    "Aktenzeichen 12 O 345/23", "Page 12 of 340", "1,000,000 rows", "Timestamp 1717400000123",
    "Color #1a2b3c and #ffffff", "width: 1024px; height: 768px", "SELECT * FROM users WHERE id = 42",
    "docker run -p 5432:5432 postgres:16.2", "pip install numpy==1.26.4", "npm install left-pad@1.3.0",
    "glpat- tokens are described in the GitLab docs", "xoxb tokens need the chat:write scope",
    "aws_secret_access_key = <AWS_SECRET>", "AccountName=acmestore;EndpointSuffix=core.windows.net",
    "This_is_a_very_long_snake_case_identifier_2", "my-very-long-feature-branch-name-2024",
    "KONTO-ÜBERSICHT-2024-Q1-FINAL-V2", "Bewerbung_Lebenslauf_Final_v3_2024.pdf",
    "https://example.com/products/12345/reviews?sort=newest&page=3", "ORD-20240315-0042-7781",
    "Sendungsnummer 00340434161234567890", "Tracking 1Z999AA10123456784", "Ref: 4111 1111 1111 1112",
    "GB82 WEST 1234 5698 7654 33", "FR14 2004 1010 0505 0001 3M02 607",
    "SSN 000-12-3456", "SSN 666-12-3456", "SSN 912-34-5678", "SSN 123-00-4567", "SSN 123-45-0000",
    "IP 256.1.1.1", "Address 1.2.3", "10.0.0", "cafe::beef", "deadbeef::", "12:34:56:78",
    "Dimensions 210 x 297 mm", "Score 12-10-2024", "Chapter 3.1.4.1", "OID 1.3.6.1.4.1.311",
]
# Card-like order numbers with a wrong Luhn digit, and IBANs with a wrong check.
for i in range(10):
    neg.append(f"Auftrag {bad_luhn(card(R.choice(['4', '51', '6011', '37']), 16))}")
for i in range(8):
    good = iban(R.choice(["DE", "FR", "ES", "NL"]), digits(18) if i % 2 else digits(18))
    wrong = good[:2] + f"{(int(good[2:4]) + 1) % 100:02d}" + good[4:]
    if len(wrong) == len(good):
        neg.append(f"IBAN {spaced(wrong)}")
for t in neg:
    add("-", "-", t)

def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")

with open("samples.tsv", "w", encoding="utf-8") as f:
    f.write("# Synthetic redaction corpus, generated by generate_corpus.py. Columns: expected detector ids, secrets, text.\n")
    for expect, secrets, text in rows:
        f.write(f"{expect}\t{esc(secrets)}\t{esc(text)}\n")

# Secrets typed one key at a time: each line is a field's final text and the secret in it. The test
# replays the text as single-character inserts, redacts the coalesced text, and checks each fragment.
keys = [
    ("aws-access-key-id", "AKIA" + rnd(UP, 16), "aws_access_key_id={}"),
    ("github-token", "ghp_" + rnd(ALNUM, 36), "{}"),
    ("email", "lena.vogel@example.de", "An: {}"),
    ("payment-card", group(card("4", 16), [4, 4, 4, 4], " "), "Karte {}"),
    ("iban", spaced(iban("DE", digits(18))), "IBAN {}"),
    ("credential-assignment", "Sommer2024!", "Passwort: {}"),
    ("stripe-key", "sk_live_" + rnd(ALNUM, 24), "{}"),
    ("openai-key", "sk-proj-" + rnd(URLSAFE, 48), "OPENAI_API_KEY={}"),
    ("phone", "+49 30 12345678", "Tel. {}"),
    ("jwt", jwt(), "Bearer {}"),
]
with open("keystrokes.tsv", "w", encoding="utf-8") as f:
    f.write("# Secrets typed one key at a time. Columns: detector id, secret, final text of the field.\n")
    for det, secret, t in keys:
        f.write(f"{det}\t{esc(secret)}\t{esc(t.format(secret))}\n")
print(len(rows), "samples")
