import json, sys, urllib.error, urllib.request

base, facts = sys.argv[1], open(sys.argv[2], "rb").read()  # send the bytes as they are: no float rounding
request = urllib.request.Request(f"{base}/v1/evaluate", data=facts, headers={"content-type": "application/json"})
try:
    result = json.load(urllib.request.urlopen(request))
except urllib.error.HTTPError as e:  # 4xx: the same located diagnostics as the CLI
    problem = json.load(e)
    sys.exit(problem["error"] + "".join(f"\n  {d['file']}:{d['line']}: {d['message']}" for d in problem["diagnostics"]))
for award in result["awards"]:  # money is a decimal string, exact to the fen
    print(award["entity"], award["rule"], award["kind"], award["amount"] or award["max"], award["cite"])
print("rules", result["provenance"]["rules_sha256"][:12], "as of", result["as_of"])
