"""Import a Docker Compose project: services, what they are, and who calls whom.

Calls come from evidence (an address in an environment value, a URL in a command, a
mounted nginx/Envoy/Prometheus/Spring config, a legacy `links` entry); `depends_on`
only orders start-up and is kept as `properties.startup_order`, not as a call.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from archwright.importers._build import Builder
from archwright.importers._compose_load import Project, find_files, load_project, read_env_file
from archwright.importers._files import SafeRoot
from archwright.importers._mounts import MountedConfigs
from archwright.importers._techmap import kind_from_name, match_image
from archwright.importers.importer import Evidence, Importer, ImportResult, shape_errors
from archwright.model import Component, Kind

IMPORTER = Importer(
    name="compose",
    summary="Docker Compose files (v1-v3 and the Compose Specification) with overrides",
    looks_for=("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"),
)


def parse(path: Path) -> ImportResult:
    """The architecture a compose project deploys (PATH: a compose file or a folder)."""
    root = SafeRoot(path)
    files = find_files(root)
    project = load_project(root, files)
    name = (root.root.name or "compose").lower()
    builder = Builder(name, "compose")
    builder.properties["source_files"] = [root.rel(f) for f in files]
    for var in sorted(project.unset):
        builder.loss(
            "unresolved_reference",
            var[0],
            f"${{{var[1]}}}",
            "variable is not set in .env and has no default; read as empty",
        )
    mounts = MountedConfigs(root, builder)
    for svc_name in sorted(project.services):
        with shape_errors(f"{root.rel(project.origin[svc_name])}: services.{svc_name}"):
            add_service(builder, root, project, svc_name)
    for svc_name in sorted(project.services):
        with shape_errors(f"{root.rel(project.origin[svc_name])}: services.{svc_name}"):
            _service_edges(builder, root, project, svc_name, mounts)
    _traefik_routes(builder, root, project)
    mounts.apply()
    mounts.loose_configs(exclude=set(files))
    return builder.result()


COMPONENT_LABEL = "org.archwright.component"  # set by archwright's compose exporter


def cid_of(project: Project, name: str) -> str:
    """The component id: the archwright label when present (round trip), else the name."""
    labels = project.services[name].get("labels")
    label = labels.get(COMPONENT_LABEL) if isinstance(labels, dict) else None
    return str(label) if label else name


def add_service(builder: Builder, root: SafeRoot, project: Project, name: str) -> None:
    """One service as a component (also used by `import repo` for a repo's compose file)."""
    svc = project.services[name]
    shown = root.rel(project.origin.get(name, project.files[0]))
    image = svc.get("image")
    match = match_image(image) if isinstance(image, str) and image else None
    props: dict[str, Any] = {}
    if isinstance(image, str) and image:
        props["image"] = image
    if svc.get("build") is not None:
        build = svc["build"]
        props["build"] = build.get("context", ".") if isinstance(build, dict) else str(build)
    if svc.get("profiles"):
        props["profiles"] = sorted(str(p) for p in svc["profiles"])
    kind = match.kind if match else (kind_from_name(name) or Kind.SERVICE)
    if match is None and "image" in props and "build" not in props:
        builder.loss(
            "unknown_image",
            shown,
            f"services.{name}.image",
            f"{image!r} is not in the technology map; imported as {kind.value}",
        )
    elif match is not None and match.technology is None and match.wanted:
        builder.loss(
            "unknown_technology",
            shown,
            f"services.{name}.image",
            f"{match.wanted!r} is not in the catalog yet; kind {kind.value} kept",
        )
    ports = [str(p) for p in svc.get("ports") or []]
    if ports:
        props["ports"] = ports
    replicas = _replicas(svc)
    comp = Component(
        id=cid_of(project, name),
        kind=kind,
        technology=match.technology if match else None,
        replicas=replicas,
        public=any(_published(p) for p in svc.get("ports") or []),
        properties=props,
    )
    aliases = [name, str(svc.get("hostname") or ""), str(svc.get("container_name") or "")]
    networks = svc.get("networks")
    if isinstance(networks, dict):
        for net in networks.values():
            if isinstance(net, dict):
                aliases.extend(str(a) for a in net.get("aliases") or [])
    builder.add_component(comp, *aliases, protocol=match.protocol if match else None)


def _replicas(svc: dict[str, Any]) -> int:
    deploy = svc.get("deploy")
    value = deploy.get("replicas") if isinstance(deploy, dict) else None
    value = value if value is not None else svc.get("scale")
    try:
        return max(0, int(value)) if value is not None else 1
    except (TypeError, ValueError):
        return 1


def _published(port: Any) -> bool:
    """A port published on every interface (not 127.0.0.1, not container-only)."""
    if isinstance(port, dict):
        return port.get("published") is not None and port.get("host_ip") in (None, "0.0.0.0")
    text = str(port)
    if ":" not in text:
        return False
    return not text.startswith(("127.", "localhost", "[::1]"))


def _service_edges(
    builder: Builder, root: SafeRoot, project: Project, name: str, mounts: MountedConfigs
) -> None:
    svc = project.services[name]
    cid = cid_of(project, name)
    origin = project.origin.get(name, project.files[0])
    shown = root.rel(origin)
    env = dict(_env_files(root, origin.parent, svc))
    env.update({k: v for k, v in (svc.get("environment") or {}).items()})
    for key in sorted(env):
        value = env[key]
        if value is not None:
            builder.scan_value(cid, str(value), shown, f"services.{name}.environment.{key}")
    for field in ("command", "entrypoint"):
        cmd = svc.get(field)
        text = " ".join(str(c) for c in cmd) if isinstance(cmd, list) else cmd
        if isinstance(text, str):
            builder.scan_value(cid, text, shown, f"services.{name}.{field}")
    for link in svc.get("links") or []:
        target = str(link).split(":", 1)[0]
        resolved = builder.names.resolve(target)
        if resolved:
            builder.add_edge(
                cid, resolved, Evidence(cid, resolved, shown, f"services.{name}.links", str(link))
            )
        else:
            builder.loss(
                "unresolved_reference",
                shown,
                f"services.{name}.links",
                f"{target!r} is not a service",
            )
    deps = svc.get("depends_on") or {}
    for dep in sorted(deps):
        if dep in project.services:
            builder.order_startup(cid_of(project, dep), cid, shown, f"services.{name}.depends_on")
        else:
            builder.loss(
                "unresolved_reference",
                shown,
                f"services.{name}.depends_on",
                f"{dep!r} is not a service",
            )
    _mounted(builder, root, project, name, origin.parent, mounts)


def _env_files(root: SafeRoot, base: Path, svc: dict[str, Any]) -> dict[str, str]:
    entries = svc.get("env_file")
    values: dict[str, str] = {}
    for entry in entries if isinstance(entries, list) else ([entries] if entries else []):
        rel = entry.get("path") if isinstance(entry, dict) else entry
        required = entry.get("required", True) if isinstance(entry, dict) else True
        target = root.resolve(str(rel), base)
        values.update(read_env_file(root, target, required=bool(required)))
    return values


def _mounted(
    builder: Builder,
    root: SafeRoot,
    project: Project,
    name: str,
    base: Path,
    mounts: MountedConfigs,
) -> None:
    svc = project.services[name]
    owner = cid_of(project, name)
    for volume in svc.get("volumes") or []:
        source = volume.get("source") if isinstance(volume, dict) else str(volume).split(":")[0]
        kind = volume.get("type", "bind") if isinstance(volume, dict) else "bind"
        if kind == "bind" and isinstance(source, str) and source.startswith((".", "/", "~")):
            mounts.add(owner, base / source, f"services.{name}.volumes")
    build = svc.get("build")
    context = build.get("context", ".") if isinstance(build, dict) else build
    if isinstance(context, str) and "://" not in context:
        folder = (base / context).resolve()
        if folder != base.resolve() and folder != root.root:
            mounts.add(owner, folder, f"services.{name}.build")
    for ref in svc.get("configs") or []:  # secrets are never read
        ref_name = ref.get("source") if isinstance(ref, dict) else ref
        entry = project.top.get("configs", {}).get(ref_name)
        if entry and isinstance(entry[0], dict) and isinstance(entry[0].get("file"), str):
            mounts.add(owner, entry[1] / entry[0]["file"], f"configs.{ref_name}")


def _traefik_routes(builder: Builder, root: SafeRoot, project: Project) -> None:
    """Traefik routes to every container whose labels enable it."""
    proxies = [
        c.id
        for c in builder.components.values()
        if c.technology == "traefik"
        or str(c.properties.get("image", "")).split(":")[0].endswith("traefik")
    ]
    for proxy in proxies:
        for name in sorted(project.services):
            labels = project.services[name].get("labels") or {}
            keys = [k for k in labels if str(k).startswith("traefik.http.routers.")]
            target = cid_of(project, name)
            if target != proxy and (labels.get("traefik.enable") in ("true", True) or keys):
                shown = root.rel(project.origin.get(name, project.files[0]))
                builder.add_edge(
                    proxy,
                    target,
                    Evidence(proxy, target, shown, f"services.{name}.labels", "traefik"),
                )
