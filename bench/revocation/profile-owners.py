import json, subprocess, collections, sys
out = subprocess.run(["jfr","print","--json","--events","jdk.ExecutionSample",sys.argv[1]],capture_output=True,text=True).stdout
ev=json.loads(out)["recording"]["events"]
owners=[("dev/inkan","Inkan"),("org/springframework/security","Spring Security"),("org/springframework","Spring (other)"),("io/micrometer","Micrometer"),
 ("org/h2","H2"),("com/zaxxer","Hikari"),("org/apache/catalina","Catalina (valves, filters, mapper)"),("org/apache/coyote","Coyote HTTP/1.1"),
 ("org/apache/tomcat/util/net","Tomcat NIO endpoint"),("org/apache/tomcat/util/http","Tomcat headers"),("org/apache/tomcat/util/buf","Tomcat buffers"),("org/apache/tomcat","Tomcat other"),("org/bouncycastle","Bouncy Castle")]
c=collections.Counter(); meth=collections.defaultdict(collections.Counter); n=0
for e in ev:
    v=e["values"]
    if "exec" not in v["sampledThread"]["javaName"] and "Poller" not in v["sampledThread"]["javaName"]: continue
    n+=1; fr=v["stackTrace"]["frames"]; who="JDK only"; m="-"
    for x in fr:
        t=x["method"]["type"]["name"]
        hit=[o for p,o in owners if t.startswith(p)]
        if hit: who=hit[0]; m=t.split('/')[-1]+"."+x["method"]["name"]; break
    c[who]+=1; meth[who][m]+=1
print(f"request-thread samples {n}")
for k,v in c.most_common(): print(f"{v*100/n:5.1f}% {k}: " + ", ".join(f"{mm} {cc*100/n:.1f}%" for mm,cc in meth[k].most_common(4)))
