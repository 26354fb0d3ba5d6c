#!/usr/bin/env bash
# Builds the root filesystem that the container image adds on top of an empty ("scratch") base. No Docker daemon and
# no base image from a registry: the machines that build vedit reach Maven Central, npm and Debian, not Docker Hub.
# The image gets exactly what the service runs on:
#   /opt/java                  a Java runtime linked with jlink from the JDK that builds (all of Java SE + the JDK
#                              modules the libraries use; ~100 MB)
#   /lib64, /lib/x86_64-…      the shared libraries that this runtime, the bundled FFmpeg executables and the OpenCV /
#                              OpenBLAS natives link, found with ldd on the building machine (Debian's glibc etc.),
#                              and a stand-in libpulse.so.0 built here with gcc exactly as the service would build it
#                              at run time (the bundled libavdevice links it; there is no gcc in the image)
#   /etc/passwd, /etc/group    root and the user "vedit" (10001, home /data) the container runs as
#   /data, /tmp                writable by that user (/data is the data dir: mount a volume there)
# Jib (vedit-server's "image" profile) puts the application (classes, resources, dependency jars) beside it under
# /app. ContainerImageIT checks the result and starts it.
#
#   scripts/image-rootfs.sh OUT_DIR JAVA_HOME PULSE_SYMBOLS LIB_DIR
# LIB_DIR holds the service's dependency jars (vedit-server/target/lib); the *-linux-x86_64*.jar ones carry natives.
set -euo pipefail

out="$1"
java_home="$2"
pulse_symbols="$3"
lib_dir="$4"

# java.se is every Java SE module (java.sql, java.net.http, java.management, java.naming, java.desktop for
# java.beans, …); the jdk.* ones are used by the libraries: Micrometer's process metrics (jdk.management), Unsafe
# users (jdk.unsupported), zip file systems, DNS naming, socket options (Jetty), extra charsets.
modules=java.se,jdk.management,jdk.unsupported,jdk.zipfs,jdk.naming.dns,jdk.net,jdk.charsets,jdk.crypto.ec,jdk.localedata

rm -rf "$out"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --output "$out/opt/java"

# The natives the service extracts at run time (into its data dir): unpacked here only to learn what they link.
mkdir -p "$work/natives"
for jar in "$lib_dir"/*-linux-x86_64*.jar; do
  (cd "$work/natives" && "$java_home/bin/jar" xf "$jar")
done
find "$work/natives" -name '*.class' -delete

mkdir -p "$out/lib/x86_64-linux-gnu" "$out/lib64"
{
  while IFS= read -r line; do
    line="${line%%#*}"
    line="$(echo "$line" | tr -d '[:space:]')"
    [[ -n "$line" ]] && echo "void *$line(void){return 0;}"
  done < "$pulse_symbols"
} > "$work/pulse.c"
echo 'PULSE_0 { global: *; };' > "$work/pulse.map"
gcc -shared -fPIC -Wl,--version-script="$work/pulse.map" -Wl,-soname,libpulse.so.0 "$work/pulse.c" \
  -o "$out/lib/x86_64-linux-gnu/libpulse.so.0"

# Every directory holding a bundled library, so that ldd resolves the bundled ones among themselves and reports
# only what must come from the system.
bundled="$(find "$work/natives" "$out/opt/java/lib" "$out/lib/x86_64-linux-gnu" -name '*.so*' -printf '%h\n' | sort -u | paste -sd:)"
# The ELF files: the runtime's launchers and libraries, the natives, FFmpeg's executables. Not the OpenBLAS
# "nolapack" variants: JavaCPP loads them only in place of the full OpenBLAS, which is bundled.
mapfile -t elves < <(find "$out/opt/java/bin" "$out/opt/java/lib" "$work/natives" "$out/lib/x86_64-linux-gnu" -type f \
  \( -name '*.so' -o -name '*.so.*' -o -path '*/bin/*' -o -name ffmpeg -o -name ffprobe -o -name jspawnhelper \) \
  ! -name '*nolapack*')

missing=()
needed=()
for f in "${elves[@]}"; do
  report="$(LD_LIBRARY_PATH="$bundled" ldd "$f" 2>&1 || true)"
  while IFS= read -r line; do
    case "$line" in
      *"not found"*) missing+=("$(basename "$f"): ${line%% =>*}") ;;
      *"=> /"*) lib="${line#*=> }"; needed+=("${lib%% (*}") ;;
      */ld-linux*) lib="${line#"${line%%[![:space:]]*}"}"; needed+=("${lib%% (*}") ;;
    esac
  done <<< "$report"
done
if (( ${#missing[@]} > 0 )); then
  printf 'image-rootfs: libraries not found on this machine:\n' >&2
  printf '  %s\n' "${missing[@]}" | sort -u >&2
  exit 1
fi
for lib in $(printf '%s\n' "${needed[@]}" | sort -u); do
  case "$lib" in
    "$work"/*|"$out"/*) continue ;;  # bundled: extracted by the service at run time, or already in the image
  esac
  if [[ "$lib" == */ld-linux-x86-64.so.2 ]]; then
    cp -L "$lib" "$out/lib64/ld-linux-x86-64.so.2"
  else
    # One directory for every system library: the dynamic loader searches it without a cache.
    cp -L "$lib" "$out/lib/x86_64-linux-gnu/$(basename "$lib")"
  fi
done

mkdir -p "$out/etc" "$out/data" "$out/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nvedit:x:10001:10001:vedit:/data:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nvedit:x:10001:\n' > "$out/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$out/etc/nsswitch.conf"
# Jib writes empty directories only when they hold something.
touch "$out/data/.keep" "$out/tmp/.keep"
echo "image-rootfs: $(du -sh "$out" | cut -f1) in $out ($(ls "$out/lib/x86_64-linux-gnu" | wc -l) system libraries)" >&2
