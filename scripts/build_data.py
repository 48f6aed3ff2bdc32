#!/usr/bin/env python3
"""Rebuild the derived tables in data/ from the raw public datasets (see pkru/build.py for the
official download address of each dataset). Usage: python scripts/build_data.py [--sources PATH] [--check]"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pkru.build import main  # noqa: E402

sys.exit(main())
