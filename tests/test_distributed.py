"Data-parallel training for real: two CPU processes over gloo (as accelerate/torchrun launch them) train one model"
import os, socket, subprocess, sys
from pathlib import Path
import torch
from safetensors.torch import load_file

def _free_port():
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def test_two_processes_train_the_same_model(tmp_path):
    script = Path(__file__).parent/'ddp_train.py'
    env = {**os.environ, 'OMP_NUM_THREADS': '1'}
    r = subprocess.run([sys.executable, '-m', 'torch.distributed.run', '--nproc_per_node', '2', '--master_addr', '127.0.0.1',
                        '--master_port', str(_free_port()), str(script), str(tmp_path/'ddp')], capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stderr[-4000:]
    rank0, rank1 = load_file(str(tmp_path/'ddp'/'rank0.safetensors')), load_file(str(tmp_path/'ddp'/'rank1.safetensors'))
    assert all(torch.equal(rank0[k], rank1[k]) for k in rank0)  # each saw half of every batch: equal only if gradients were shared
    saved = load_file(str(tmp_path/'ddp'/'model.safetensors'))
    assert all(torch.equal(rank0[k], saved[k]) for k in rank0)  # the first process wrote the model directory
    # one process on the same data and seed takes other steps (twice as many, half as large): a different model
    r = subprocess.run([sys.executable, str(script), str(tmp_path/'single')], capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stderr[-4000:]
    single = load_file(str(tmp_path/'single'/'rank0.safetensors'))
    assert not all(torch.equal(rank0[k], single[k]) for k in rank0 if k.startswith('head'))
