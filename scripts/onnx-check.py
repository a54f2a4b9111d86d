#!/usr/bin/python3
"""Runs ONNX's full checker (onnx.checker.check_model(full_check=True): structure, operator schemas, types and
shapes by inference) over every .onnx file in a folder, as exported by the nabla-onnx tests:

    ./build -pl nabla-onnx -am test -Dtest=OnnxRuntimeTest -Dsurefire.failIfNoSpecifiedTests=false \
        -Dnabla.onnx.keep=/tmp/onnx
    /usr/bin/python3 scripts/onnx-check.py /tmp/onnx

Needs python3-onnx (Debian's is ONNX 1.12, the version IR 8 and opset 17 were chosen for). Prints one line per
file and exits 1 if any fails or the folder holds none.
"""
import pathlib
import sys

import onnx

failed = 0
files = sorted(pathlib.Path(sys.argv[1]).glob("*.onnx"))
if not files:
    sys.exit(f"onnx-check: no .onnx file in {sys.argv[1]}")
for f in files:
    model = onnx.load(str(f))
    try:
        onnx.checker.check_model(model, full_check=True)
        print(f"ok    {f.name}: IR {model.ir_version}, opsets "
              + ", ".join(f"{o.domain or 'ai.onnx'} {o.version}" for o in model.opset_import))
    except Exception as e:  # the checker raises several kinds
        failed += 1
        print(f"FAIL  {f.name}: {str(e).splitlines()[0]}")
print(f"{len(files) - failed} of {len(files)} models pass onnx {onnx.__version__}'s full check")
sys.exit(1 if failed else 0)
