package dev.pm.db.autoconfigure.mybatis;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface ItemMapper {

	@Insert("INSERT INTO item (name) VALUES (#{name})")
	int insert(String name);

	@Select("SELECT count(*) FROM item")
	int count();

}
