import socket, time, subprocess, os
socks = []
# tcp listener on 127.0.0.1:18080 + established connection with unread data (RecvQ) 
l4 = socket.socket(); l4.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); l4.bind(("127.0.0.1", 18080)); l4.listen(5); socks.append(l4)
c4 = socket.create_connection(("127.0.0.1", 18080)); socks.append(c4)
s4, _ = l4.accept(); socks.append(s4)
c4.sendall(b"x" * 1234)  # unread by s4 -> s4 RecvQ 1234
# dual-stack tcp6 listener on :: 18081, connect from IPv4 -> ::ffff:127.0.0.1
l6 = socket.socket(socket.AF_INET6); l6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0); l6.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); l6.bind(("::", 18081)); l6.listen(5); socks.append(l6)
cm = socket.create_connection(("127.0.0.1", 18081)); socks.append(cm)
sm, _ = l6.accept(); socks.append(sm)
# tcp6 on ::1 18083 with an established ::1 connection
l61 = socket.socket(socket.AF_INET6); l61.bind(("::1", 18083)); l61.listen(5); socks.append(l61)
c61 = socket.create_connection(("::1", 18083)); socks.append(c61)
s61, _ = l61.accept(); socks.append(s61)
# TIME_WAIT: close a connection actively
tl = socket.socket(); tl.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); tl.bind(("127.0.0.1", 18084)); tl.listen(1); socks.append(tl)
tc = socket.create_connection(("127.0.0.1", 18084)); ts, _ = tl.accept()
tc.close(); time.sleep(0.2); ts.close()   # client closed first -> client side TIME_WAIT? client gets FIN_WAIT2 then TIME_WAIT after ts closes
# CLOSE_WAIT: peer closed, we didn't
cwl = socket.socket(); cwl.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); cwl.bind(("127.0.0.1", 18085)); cwl.listen(1); socks.append(cwl)
cwc = socket.create_connection(("127.0.0.1", 18085)); socks.append(cwc)
cws, _ = cwl.accept(); cws.close()  # cwc now CLOSE_WAIT, server side FIN_WAIT2
# UDP unconnected 127.0.0.1:18082, UDP connected to 127.0.0.1:18082
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 18082)); socks.append(u)
uc = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); uc.connect(("127.0.0.1", 18082)); socks.append(uc)
uc.send(b"y" * 100)  # queued on u (RecvQ)
# UDP6 unconnected on ::1:18086 
u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u6.bind(("::1", 18086)); socks.append(u6)
# UDP6 wildcard dual stack 18087
u6w = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u6w.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0); u6w.bind(("::", 18087)); socks.append(u6w)
time.sleep(0.3)
out = {}
for f in ["tcp", "tcp6", "udp", "udp6"]:
    out[f] = open("/proc/net/" + f).read()
ss = subprocess.run(["ss", "-tuanpe"], capture_output=True, text=True).stdout
for f, t in out.items():
    open("/tmp/capture/" + f, "w").write(t)
open("/tmp/capture/ss.txt", "w").write(ss)
print(os.getpid())
