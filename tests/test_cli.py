import pytest

from xhdash.serving.cli import main


class TestBuildData:
    def test_builds_every_table(self, tmp_path, capsys):
        assert main(["build-data", "--out", str(tmp_path)]) == 0
        assert (tmp_path / "observations.parquet").exists()
        assert "observations" in capsys.readouterr().out

    def test_bad_csv_exits_2_naming_the_cell_and_writes_nothing(self, source_copy, tmp_path,
                                                                   capsys):
        path = source_copy / "observations.csv"
        lines = path.read_text(encoding="utf-8").splitlines()
        lines[3] = lines[3].replace(",50,", ",5O,")  # letter O typed for a zero
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out = tmp_path / "out"
        assert main(["build-data", "--source", str(source_copy), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert "observations.csv 第4行「value」列：“5O”不是数字" in err
        assert "observations.csv, row 4, column 'value': '5O' is not a number" in err
        assert not out.exists()


class TestCheck:
    def test_summary_covers_every_domain(self, built_store, capsys):
        assert main(["check", "--store", str(built_store)]) == 0
        out = capsys.readouterr().out
        for domain in ["区情", "经济运行", "城市更新", "功能区建设", "产业发展", "科技创新",
                       "民生服务", "基层治理", "党建引领", "整改落实"]:
            assert domain in out
        assert "S1" in out and "derived" in out
        assert "未通过 failed" in out and "0 未通过" in out

    def test_store_from_environment(self, built_store, monkeypatch, capsys):
        monkeypatch.setenv("XHDASH_STORE", str(built_store))
        assert main(["check"]) == 0
        assert "store version" in capsys.readouterr().out

    def test_corrupt_parquet_is_named(self, built_store, capsys):
        (built_store / "areas.parquet").write_bytes(b"not parquet at all")
        assert main(["check", "--store", str(built_store)]) == 2
        assert "areas.parquet：无法读取" in capsys.readouterr().err

    def test_missing_store_is_named(self, tmp_path, capsys):
        assert main(["check", "--store", str(tmp_path / "nowhere")]) == 2
        assert "observations.parquet：文件不存在" in capsys.readouterr().err

    @pytest.mark.parametrize("argv", [["nonsense"], []])
    def test_bad_arguments_exit_2(self, argv):
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 2


class TestMain:
    def test_a_file_that_cannot_be_written_is_a_message(self, built_store, tmp_path, capsys):
        out = tmp_path / "no-such-folder" / "slice.csv"
        assert main(["export", "--store", str(built_store), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert "读写文件失败" in err and "could not be read or written" in err
        assert "no-such-folder" in err

    def test_an_old_layout_store_names_the_migration(self, tmp_path, capsys):
        store = tmp_path / "store"
        (store / "versions" / "v0001").mkdir(parents=True)
        (store / "CURRENT").write_text("v0001\n", encoding="utf-8")
        assert main(["check", "--store", str(store)]) == 2
        err = capsys.readouterr().err
        assert "xhdash migrate-store" in err and "old-layout store" in err
