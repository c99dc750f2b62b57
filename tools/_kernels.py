"""Kernels for the tools (slides, scenarios, exercises): local IPC sockets instead of TCP.

Every kernel started by ``jupyter_client`` listens on TCP ports of 127.0.0.1 by default,
and ipykernel 7 (``ipykernel/kernelapp.py``, ``init_sockets``) then logs at start-up::

    [IPKernelApp] WARNING | Kernel is running over TCP without encryption. ...

The tools only ever talk to a kernel on the same machine, so they start it with the
``ipc`` transport (Unix domain sockets next to the connection file in Jupyter's runtime
folder, readable by the owner only).  The warning then has no reason to appear, and it
is not silenced for anyone else: JupyterLab (``make lab``) keeps its own settings.
"""
from __future__ import annotations

import os
import sys
import tempfile
import uuid

from jupyter_client.manager import AsyncKernelManager
from traitlets import default


class LocalKernelManager(AsyncKernelManager):
    """An ``AsyncKernelManager`` whose kernels use IPC sockets (falls back to TCP on Windows).

    The socket files get an absolute path in Jupyter's runtime folder: jupyter_client's
    default (``kernel-ipc``) is relative, and a kernel started in the notebook's folder
    would then listen in a different place from where the client looks.
    """

    @default("transport")
    def _transport_default(self):
        return "tcp" if sys.platform == "win32" else "ipc"

    @default("ip")
    def _ip_default(self):
        if self.transport != "ipc":
            return super()._ip_default()
        from jupyter_core.paths import jupyter_runtime_dir

        folder = jupyter_runtime_dir()
        if len(folder) > 80:  # Unix socket paths are limited to about 100 bytes
            folder = tempfile.mkdtemp(prefix="crmlab-ipc-")
        os.makedirs(folder, mode=0o700, exist_ok=True)
        return os.path.join(folder, f"crmlab-{uuid.uuid4().hex[:12]}-ipc")


def client_options() -> dict:
    """Keyword arguments for ``nbclient.NotebookClient`` / ``papermill.execute_notebook``."""
    return {"kernel_manager_class": LocalKernelManager} if os.name != "nt" else {}
