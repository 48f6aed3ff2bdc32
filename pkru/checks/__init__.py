"""Exercise checks, one module per notebook: ``pkru.checks.nb00``, ``pkru.checks.nb01`` ...

Every check computes its expected answer from data/ (never a typed-in result) and is tested in
tests/test_exercises.py: it must reject a wrong answer and accept the solution."""
